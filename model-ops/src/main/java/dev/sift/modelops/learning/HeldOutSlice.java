package dev.sift.modelops.learning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The held-out slice of the feedback data set: the newest share of the examples by label time, never trained on.
 *
 * <p>It is cut at a point in time (label time, then snippet id to order equal times). The cut only moves forward:
 * each version places it so that {@code share} of its examples are held out, counting from the newest among those no
 * earlier version trained on, or keeps the previous version's cut when that is later. An example trained on by an earlier version stays in training even when a newer label moved its time past
 * the cut. So no version judges a candidate on anything an earlier version trained on, the live release included,
 * and the slice changes only by taking in newer examples and releasing its oldest ones to training.
 */
public final class HeldOutSlice {

    /** Examples by label time, then snippet id. */
    public static final Comparator<LabeledExample> TIME_ORDER = Comparator
            .comparingLong((LabeledExample e) -> e.label().labeledAt()).thenComparing(LabeledExample::snippetId);

    private HeldOutSlice() {
    }

    /**
     * Where the held-out slice begins.
     *
     * @param labeledAt label time (epoch ms)
     * @param snippetId snippet id, ordering examples of equal time
     */
    public record Cut(long labeledAt, String snippetId) implements Comparable<Cut> {

        /**
         * @param example an example
         * @return the cut at that example
         */
        public static Cut at(LabeledExample example) {
            return new Cut(example.label().labeledAt(), example.snippetId());
        }

        @Override
        public int compareTo(Cut other) {
            int byTime = Long.compare(labeledAt, other.labeledAt);
            return byTime != 0 ? byTime : snippetId.compareTo(other.snippetId);
        }
    }

    /**
     * The slice of one version.
     *
     * @param cut where it begins, or empty while nothing is held out
     * @param heldOut snippet ids held out
     */
    public record Assignment(Optional<Cut> cut, Set<String> heldOut) {

        /** Copies the ids. */
        public Assignment {
            heldOut = Set.copyOf(heldOut);
        }
    }

    /**
     * @param examples every example of the new version
     * @param previousCut the previous version's cut, if any
     * @param previouslyTrained snippet ids the previous version trained on
     * @param share share of the newest examples to hold out, in (0, 1)
     * @return the new version's slice
     */
    public static Assignment assign(Collection<LabeledExample> examples, Optional<Cut> previousCut,
            Set<String> previouslyTrained, double share) {
        List<LabeledExample> eligible = new ArrayList<>(examples.stream()
                .filter(e -> !previouslyTrained.contains(e.snippetId())).toList());
        eligible.sort(TIME_ORDER);
        int held = Math.min(eligible.size(), (int) Math.floor(examples.size() * share));
        Optional<Cut> cut = previousCut;
        if (held > 0) {
            Cut newest = Cut.at(eligible.get(eligible.size() - held));
            cut = previousCut.filter(p -> p.compareTo(newest) > 0).or(() -> Optional.of(newest));
        }
        Set<String> heldOut = new TreeSet<>();
        if (cut.isPresent()) {
            for (LabeledExample e : eligible) {
                if (Cut.at(e).compareTo(cut.get()) >= 0) {
                    heldOut.add(e.snippetId());
                }
            }
        }
        return new Assignment(cut, heldOut);
    }
}
