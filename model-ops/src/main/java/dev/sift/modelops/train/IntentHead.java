package dev.sift.modelops.train;

/** Which activation the intent head gets. */
public enum IntentHead {

    /** Softmax when every example has at most one intent, sigmoid otherwise. */
    AUTO,

    /** One distribution over the intents (examples without an intent are taught the uniform distribution). */
    SOFTMAX,

    /** One independent probability per intent: multi-label. */
    SIGMOID;

    /**
     * @param singleLabel whether every example has at most one intent
     * @return the activation to train
     */
    public Activation resolve(boolean singleLabel) {
        return switch (this) {
            case AUTO -> singleLabel ? Activation.SOFTMAX : Activation.SIGMOID;
            case SOFTMAX -> Activation.SOFTMAX;
            case SIGMOID -> Activation.SIGMOID;
        };
    }
}
