package dev.sift.modelops.dataset;

import dev.sift.classifier.context.SpokenTurn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One labeled example.
 *
 * @param text the snippet
 * @param intents its true intents; empty when irrelevant (e.g. CLINC150 out-of-scope)
 * @param polarity {@code negative}, {@code neutral} or {@code positive}, or {@code null} when not labeled
 * @param brand the brand it is about, or {@code null}
 * @param context the earlier turns of its thread, oldest first; empty when it was said alone or its thread is unknown
 * @param confidences the labeler's confidence per label, in [0, 1], sorted by label ({@link LabelConfidences});
 *     empty when it gave none. Soft targets for distillation: the hard labels above are what the labeler decided
 */
public record LabeledSnippet(String text, Set<String> intents, String polarity, String brand,
        List<SpokenTurn> context, Map<String, Float> confidences) {

    /**
     * An example without conversation context.
     *
     * @param text the snippet
     * @param intents its true intents
     * @param polarity its polarity, or {@code null}
     * @param brand its brand, or {@code null}
     */
    public LabeledSnippet(String text, Set<String> intents, String polarity, String brand) {
        this(text, intents, polarity, brand, List.of());
    }

    /**
     * An example without confidences.
     *
     * @param text the snippet
     * @param intents its true intents
     * @param polarity its polarity, or {@code null}
     * @param brand its brand, or {@code null}
     * @param context the earlier turns of its thread, oldest first
     */
    public LabeledSnippet(String text, Set<String> intents, String polarity, String brand,
            List<SpokenTurn> context) {
        this(text, intents, polarity, brand, context, Map.of());
    }

    /** Validates and copies. */
    public LabeledSnippet {
        if (text == null) {
            throw new IllegalArgumentException("an example needs a text");
        }
        intents = intents == null ? Set.of() : Set.copyOf(intents);
        if (polarity != null && !Polarities.ALL.contains(polarity)) {
            throw new IllegalArgumentException("unknown polarity '" + polarity + "' (expected one of "
                    + Polarities.ALL + ")");
        }
        context = context == null ? List.of() : List.copyOf(context);
        ContextLimits.check(context);
        confidences = LabelConfidences.checked(confidences);
    }

    /** @return whether the example has at least one intent */
    public boolean relevant() {
        return !intents.isEmpty();
    }
}
