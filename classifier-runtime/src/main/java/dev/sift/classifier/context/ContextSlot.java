package dev.sift.classifier.context;

import java.util.Locale;

/**
 * One embedding a context-aware model reads next to the turn's own tokens, as a graph input {@code [batch, width]}.
 * A slot with nothing to hold (the first turn of a thread) is zeros.
 */
public enum ContextSlot {
    /** The latest service turn before this one in the thread. */
    PREVIOUS_SERVICE_TURN("context_previous_service"),
    /** The latest customer turn before this one in the thread. */
    PREVIOUS_CUSTOMER_TURN("context_previous_customer"),
    /**
     * The mean of all the thread's earlier customer turns: the intent is often said once, turns before, and carried
     * on by short turns; the mean keeps it in view at a fixed width.
     */
    EARLIER_CUSTOMER_MEAN("context_earlier_customer_mean"),
    /**
     * The mean of all the thread's earlier service turns: the service's questions and offers name the task the
     * customer's short answers are about ("Which day would you like to book?").
     */
    EARLIER_SERVICE_MEAN("context_earlier_service_mean");

    private final String inputName;

    ContextSlot(String inputName) {
        this.inputName = inputName;
    }

    /** @return the graph input that carries this slot */
    public String inputName() {
        return inputName;
    }

    /**
     * @param name a slot name as a manifest writes it, any case
     * @return the slot
     * @throws IllegalArgumentException for an unknown name
     */
    public static ContextSlot of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown context slot '" + name + "' (known: "
                    + java.util.Arrays.toString(values()) + ")");
        }
    }
}
