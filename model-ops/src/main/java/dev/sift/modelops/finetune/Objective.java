package dev.sift.modelops.finetune;

import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/** What the fine-tuning head's output is trained against. */
public enum Objective {
    /** One sigmoid per label, binary cross-entropy: multi-label, like the project's heads. */
    SIGMOID,
    /**
     * One softmax over the labels, cross-entropy against the labels as a distribution: for single-label data. A
     * snippet with no label (out of scope) adds nothing to the loss.
     */
    SOFTMAX;

    /** @return DJL's loss for this objective, on logits */
    Loss loss() {
        return switch (this) {
            case SIGMOID -> new SigmoidBinaryCrossEntropyLoss();
            case SOFTMAX -> new SoftmaxCrossEntropyLoss("SoftmaxCrossEntropyLoss", 1f, -1, false, true);
        };
    }
}
