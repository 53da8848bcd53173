package dev.sift.modelops.finetune;

import java.util.List;

/**
 * A teacher's probabilities for the training examples, one per label of the student's label set, in the student's
 * order. Where the teacher gives no probability (a label it does not have, or one a labeler did not score for that
 * example) the entry is marked unknown: there the student learns from the hard label alone.
 *
 * @param labels the student's labels, in head order
 * @param probabilities {@code [example][label]}: the teacher's probability, in [0, 1]; ignored where unknown
 * @param known {@code [example][label]}: whether the teacher gives that probability
 * @param source what the probabilities come from, for messages
 */
public record SoftTargets(List<String> labels, float[][] probabilities, boolean[][] known, String source) {

    /** Checks shapes and ranges: a teacher is untrusted input like any other file. */
    public SoftTargets {
        labels = List.copyOf(labels);
        if (known.length != probabilities.length) {
            throw new IllegalArgumentException("teacher " + source + ": known flags for " + known.length
                    + " examples, probabilities for " + probabilities.length);
        }
        for (int i = 0; i < probabilities.length; i++) {
            float[] row = probabilities[i];
            if (row == null || row.length != labels.size()) {
                throw new IllegalArgumentException("teacher " + source + ": example " + i + " has "
                        + (row == null ? 0 : row.length) + " probabilities for " + labels.size() + " labels");
            }
            if (known[i] == null || known[i].length != labels.size()) {
                throw new IllegalArgumentException("teacher " + source + ": example " + i + " has "
                        + (known[i] == null ? 0 : known[i].length) + " known flags for " + labels.size()
                        + " labels");
            }
            for (int j = 0; j < row.length; j++) {
                if (known[i][j] && !(row[j] >= 0f && row[j] <= 1f)) {
                    throw new IllegalArgumentException("teacher " + source + ": probability " + row[j]
                            + " of label " + labels.get(j) + " for example " + i + " is not in [0, 1]");
                }
            }
        }
    }

    /**
     * A teacher that scores the same labels for every example (a model).
     *
     * @param labels the student's labels, in head order
     * @param probabilities {@code [example][label]}
     * @param knownLabels {@code [label]}: whether the teacher has that label
     * @param source what the probabilities come from
     * @return the soft targets
     */
    public static SoftTargets perLabel(List<String> labels, float[][] probabilities, boolean[] knownLabels,
            String source) {
        if (knownLabels.length != labels.size()) {
            throw new IllegalArgumentException("teacher " + source + ": " + knownLabels.length + " known flags for "
                    + labels.size() + " labels");
        }
        boolean[][] known = new boolean[probabilities.length][];
        for (int i = 0; i < known.length; i++) {
            known[i] = knownLabels.clone();
        }
        return new SoftTargets(labels, probabilities, known, source);
    }

    /** @return {@code [label]}: whether the teacher gives that label's probability for at least one example */
    public boolean[] knownLabels() {
        boolean[] out = new boolean[labels.size()];
        for (boolean[] row : known) {
            for (int j = 0; j < row.length; j++) {
                out[j] |= row[j];
            }
        }
        return out;
    }

    /** @return how many of the student's labels the teacher scores for at least one example */
    public int knownCount() {
        int n = 0;
        for (boolean k : knownLabels()) {
            n += k ? 1 : 0;
        }
        return n;
    }

    /** @return how many examples have at least one probability from the teacher */
    public int coveredExamples() {
        int n = 0;
        for (boolean[] row : known) {
            for (boolean k : row) {
                if (k) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }
}
