package dev.sift.modelops.finetune;

import java.util.Objects;

/**
 * Learning from a teacher's probabilities as well as the hard labels. The loss becomes
 * {@code (1 - weight) * hard + weight * T^2 * soft}: with the sigmoid objective, soft is the binary cross-entropy of
 * {@code sigmoid(z / T)} against the teacher's probabilities at temperature T; with the softmax objective, the
 * cross-entropy of {@code softmax(z / T)} against the teacher's distribution at T. The teacher's own entropy is
 * subtracted, so soft is a KL divergence (0 when the student matches the teacher) with the same gradient. The
 * {@code T^2} keeps the soft term's gradient at the hard term's scale whatever the temperature (Hinton et al., 2015).
 *
 * @param teacher where the probabilities come from
 * @param weight the soft term's share of the loss (alpha), in [0, 1]; 0 trains on the hard labels alone
 * @param temperature softens both sides of the soft term (T), in (0, 100]; 1 compares the probabilities as they are
 */
public record Distillation(DistillationTeacher teacher, float weight, float temperature) {

    /** The recipe most distillation papers start from. */
    public static final float DEFAULT_WEIGHT = 0.5f;
    /** The recipe most distillation papers start from. */
    public static final float DEFAULT_TEMPERATURE = 2f;

    /** Checks ranges: these come from the command line. */
    public Distillation {
        Objects.requireNonNull(teacher, "teacher");
        if (!(weight >= 0f && weight <= 1f)) {
            throw new IllegalArgumentException("the distillation weight must be in [0, 1] (0: hard labels only,"
                    + " 1: the teacher only), got " + weight);
        }
        if (!(temperature > 0f && temperature <= 100f)) {
            throw new IllegalArgumentException("the distillation temperature must be in (0, 100], got "
                    + temperature);
        }
    }

    /** @return what decides the soft term, for the key under which a fine-tuned graph is reused */
    String identity() {
        return "distill weight=" + weight + " temperature=" + temperature + " " + teacher.identity();
    }
}
