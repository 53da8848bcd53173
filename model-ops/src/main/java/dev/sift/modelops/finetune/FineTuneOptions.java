package dev.sift.modelops.finetune;

/**
 * How the encoder is fine-tuned: AdamW with a linear warm-up then a linear decay to zero over the run, seeded.
 *
 * @param epochs passes over the training split
 * @param batchSize snippets per step
 * @param maxSteps stop after this many steps (0: run every epoch); the schedule decays over the steps actually run
 * @param learningRate peak learning rate of the encoder's weights (of its top layer, with layer-wise decay)
 * @param headLearningRate peak learning rate of the intent head, which starts from random values
 * @param warmupFraction share of the steps spent warming up from zero
 * @param weightDecay AdamW's decoupled weight decay
 * @param seed seeds the head's initial values, the order of the examples and a held-out validation split: same data
 *     and seed, same weights
 * @param threads PyTorch intra-op threads
 * @param objective the head's loss
 * @param freezeWordEmbeddings keep the word embedding table as it is: most of its rows are words the task data never
 *     shows, and its AdamW update (a third to a half of an encoder's weights) costs as much as the rest of a step
 * @param layerDecay layer-wise learning-rate decay in (0, 1]: each attention layer below the top trains at this
 *     factor of the rate of the layer above ({@link PeakRates}); 1 trains every layer at the same rate
 * @param validation when the run is judged on held-out examples, and when it stops
 */
public record FineTuneOptions(int epochs, int batchSize, int maxSteps, float learningRate, float headLearningRate,
        float warmupFraction, float weightDecay, long seed, int threads, Objective objective,
        boolean freezeWordEmbeddings, float layerDecay, ValidationPlan validation) {

    /** Checks ranges. */
    public FineTuneOptions {
        java.util.Objects.requireNonNull(objective, "objective");
        java.util.Objects.requireNonNull(validation, "validation");
        if (epochs < 1 || batchSize < 1 || maxSteps < 0 || threads < 1) {
            throw new IllegalArgumentException("epochs, batch size and threads must be positive, max steps >= 0");
        }
        if (!(learningRate > 0) || !(headLearningRate > 0) || warmupFraction < 0 || warmupFraction >= 1
                || weightDecay < 0) {
            throw new IllegalArgumentException("learning rates must be positive, warm-up in [0, 1), decay >= 0");
        }
        if (!(layerDecay > 0f && layerDecay <= 1f)) {
            throw new IllegalArgumentException("the layer-wise learning-rate decay must be in (0, 1] (1: none), got "
                    + layerDecay);
        }
    }

    /**
     * A recipe without layer-wise decay and without validation: every planned step runs, the last weights are kept.
     *
     * @param epochs passes over the training split
     * @param batchSize snippets per step
     * @param maxSteps stop after this many steps (0: every epoch)
     * @param learningRate peak learning rate of the encoder
     * @param headLearningRate peak learning rate of the head
     * @param warmupFraction share of the steps spent warming up
     * @param weightDecay AdamW's weight decay
     * @param seed seeds the head and the order of the examples
     * @param threads PyTorch intra-op threads
     * @param objective the head's loss
     * @param freezeWordEmbeddings keep the word embedding table as it is
     */
    public FineTuneOptions(int epochs, int batchSize, int maxSteps, float learningRate, float headLearningRate,
            float warmupFraction, float weightDecay, long seed, int threads, Objective objective,
            boolean freezeWordEmbeddings) {
        this(epochs, batchSize, maxSteps, learningRate, headLearningRate, warmupFraction, weightDecay, seed, threads,
                objective, freezeWordEmbeddings, 1f, ValidationPlan.NONE);
    }

    /**
     * The usual recipe for fine-tuning a small BERT on a classification task (learning rate in the 2e-5..1e-4 range,
     * 10% warm-up, weight decay 0.01), with a faster head since it starts from nothing, judged on a tenth of the
     * data about ten times a run and stopped after three evaluations without improvement.
     *
     * @return the defaults
     */
    public static FineTuneOptions defaults() {
        return new FineTuneOptions(3, 32, 0, 5e-5f, 1e-2f, 0.1f, 0.01f, 0L,
                Runtime.getRuntime().availableProcessors(), Objective.SIGMOID, true, 1f,
                ValidationPlan.of(0, 3, 0.1));
    }

    /**
     * @param decay layer-wise learning-rate decay in (0, 1]
     * @return these options with that decay
     */
    public FineTuneOptions withLayerDecay(float decay) {
        return new FineTuneOptions(epochs, batchSize, maxSteps, learningRate, headLearningRate, warmupFraction,
                weightDecay, seed, threads, objective, freezeWordEmbeddings, decay, validation);
    }

    /**
     * @param plan when the run is judged and stopped
     * @return these options with that plan
     */
    public FineTuneOptions withValidation(ValidationPlan plan) {
        return new FineTuneOptions(epochs, batchSize, maxSteps, learningRate, headLearningRate, warmupFraction,
                weightDecay, seed, threads, objective, freezeWordEmbeddings, layerDecay, plan);
    }

    /**
     * @param examples training examples
     * @return the steps the run plans: every epoch, or {@code maxSteps} when that is fewer
     */
    public int plannedSteps(int examples) {
        int perEpoch = (examples + batchSize - 1) / batchSize;
        return maxSteps > 0 ? Math.min(maxSteps, perEpoch * epochs) : perEpoch * epochs;
    }

    /**
     * @param steps the total number of steps
     * @return warm-up steps
     */
    public int warmupSteps(int steps) {
        return (int) Math.floor(steps * warmupFraction);
    }
}
