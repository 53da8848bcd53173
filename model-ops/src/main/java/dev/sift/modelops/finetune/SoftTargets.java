package dev.sift.modelops.finetune;

import java.util.List;

/**
 * A teacher's probabilities for the training examples, one per label of the student's label set, in the student's
 * order. A label the teacher does not have is marked unknown: for it the student learns from the hard label alone.
 *
 * @param labels the student's labels, in head order
 * @param probabilities {@code [example][label]}: the teacher's probability, in [0, 1]; ignored where unknown
 * @param known {@code [label]}: whether the teacher scores that label
 * @param source what the probabilities come from, for messages
 */
public record SoftTargets(List<String> labels, float[][] probabilities, boolean[] known, String source) {

    /** Checks shapes and ranges: a teacher is untrusted input like any other file. */
    public SoftTargets {
        labels = List.copyOf(labels);
        if (known.length != labels.size()) {
            throw new IllegalArgumentException("teacher " + source + ": " + known.length + " known flags for "
                    + labels.size() + " labels");
        }
        for (int i = 0; i < probabilities.length; i++) {
            float[] row = probabilities[i];
            if (row == null || row.length != labels.size()) {
                throw new IllegalArgumentException("teacher " + source + ": example " + i + " has "
                        + (row == null ? 0 : row.length) + " probabilities for " + labels.size() + " labels");
            }
            for (int j = 0; j < row.length; j++) {
                if (known[j] && !(row[j] >= 0f && row[j] <= 1f)) {
                    throw new IllegalArgumentException("teacher " + source + ": probability " + row[j]
                            + " of label " + labels.get(j) + " for example " + i + " is not in [0, 1]");
                }
            }
        }
    }

    /** @return how many of the student's labels the teacher scores */
    public int knownCount() {
        int n = 0;
        for (boolean k : known) {
            n += k ? 1 : 0;
        }
        return n;
    }
}
