package dev.sift.gateway.context;

import dev.sift.classifier.Classification;
import dev.sift.schema.ContextTurn;
import java.util.List;

/** What scoring in context made of one turn: its scores, or why the model failed on it. */
public sealed interface TurnOutcome {

    /**
     * A turn the model scored; its embedding is in its thread's memory.
     *
     * @param scores its classification
     * @param context the thread's latest turns as text before it, oldest first
     */
    record Scored(Classification scores, List<ContextTurn> context) implements TurnOutcome {
    }

    /**
     * A turn the model failed on, alone too; its thread's memory is as before it.
     *
     * @param reason why
     */
    record Failed(Exception reason) implements TurnOutcome {
    }
}
