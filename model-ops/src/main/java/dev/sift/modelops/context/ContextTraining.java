package dev.sift.modelops.context;

import dev.sift.classifier.context.ContextSlot;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.train.ContextScales;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an intent head reads a turn's context: the slots it reads besides the turn, the scales its reliance on them is
 * chosen from ({@link ContextScales}), and which training examples judge that choice when the data set has no
 * validation split.
 *
 * @param slots the context slots, in the order the head reads them; empty: the turn alone (a context-free head)
 * @param scales the scales tried for the context block
 * @param judges training examples that judge the scales (held out while they are compared, then trained on); empty:
 *     the validation split, or cross-validation, judges
 */
public record ContextTraining(List<ContextSlot> slots, ContextScales scales, Set<LabeledSnippet> judges) {

    /** Copies. */
    public ContextTraining {
        slots = List.copyOf(slots);
        Objects.requireNonNull(scales, "scales");
        judges = Set.copyOf(judges);
    }

    /** @return a head on the turn alone */
    public static ContextTraining none() {
        return new ContextTraining(List.of(), ContextScales.defaults(), Set.of());
    }

    /**
     * @param slots the slots the head reads besides the turn (empty: the turn alone)
     * @return reading them, with the default scales, judged by the validation split or cross-validation
     */
    public static ContextTraining of(List<ContextSlot> slots) {
        return new ContextTraining(slots, ContextScales.defaults(), Set.of());
    }

    /** @return whether the head reads any context */
    public boolean aware() {
        return !slots.isEmpty();
    }

    /**
     * @param examples training examples to judge the scales on
     * @return the same, judged on them
     */
    public ContextTraining judgedOn(Set<LabeledSnippet> examples) {
        return new ContextTraining(slots, scales, examples);
    }

    /**
     * @param other the scales to choose from
     * @return the same with those scales
     */
    public ContextTraining withScales(ContextScales other) {
        return new ContextTraining(slots, other, judges);
    }
}
