package dev.sift.modelops.finetune;

/**
 * How the encoder is fine-tuned: AdamW with a linear warm-up then a linear decay to zero over the run, seeded.
 *
 * @param epochs passes over the training split
 * @param batchSize snippets per step
 * @param maxSteps stop after this many steps (0: run every epoch); the schedule decays over the steps actually run
 * @param learningRate peak learning rate of the encoder's weights
 * @param headLearningRate peak learning rate of the intent head, which starts from random values
 * @param warmupFraction share of the steps spent warming up from zero
 * @param weightDecay AdamW's decoupled weight decay
 * @param seed seeds the head's initial values and the order of the examples: same data and seed, same weights
 * @param threads PyTorch intra-op threads
 * @param objective the head's loss
 * @param freezeWordEmbeddings keep the word embedding table as it is: most of its rows are words the task data never
 *     shows, and its AdamW update (a third to a half of an encoder's weights) costs as much as the rest of a step
 */
public record FineTuneOptions(int epochs, int batchSize, int maxSteps, float learningRate, float headLearningRate,
        float warmupFraction, float weightDecay, long seed, int threads, Objective objective,
        boolean freezeWordEmbeddings) {

    /** Checks ranges. */
    public FineTuneOptions {
        java.util.Objects.requireNonNull(objective, "objective");
        if (epochs < 1 || batchSize < 1 || maxSteps < 0 || threads < 1) {
            throw new IllegalArgumentException("epochs, batch size and threads must be positive, max steps >= 0");
        }
        if (!(learningRate > 0) || !(headLearningRate > 0) || warmupFraction < 0 || warmupFraction >= 1
                || weightDecay < 0) {
            throw new IllegalArgumentException("learning rates must be positive, warm-up in [0, 1), decay >= 0");
        }
    }

    /**
     * The usual recipe for fine-tuning a small BERT on a classification task (learning rate in the 2e-5..1e-4 range,
     * 10% warm-up, weight decay 0.01), with a faster head since it starts from nothing.
     *
     * @return the defaults
     */
    public static FineTuneOptions defaults() {
        return new FineTuneOptions(3, 32, 0, 5e-5f, 1e-2f, 0.1f, 0.01f, 0L,
                Runtime.getRuntime().availableProcessors(), Objective.SIGMOID, true);
    }

    /**
     * @param steps the total number of steps
     * @return warm-up steps
     */
    public int warmupSteps(int steps) {
        return (int) Math.floor(steps * warmupFraction);
    }
}
