package dev.sift.gateway.topology;

import dev.sift.schema.FilterPolicy;
import java.util.List;

/**
 * Sees every decision after it is made, and every inference call, without changing them (shadow model, metrics,
 * dashboard statistics).
 */
public interface DecisionObserver {

    /** Observes nothing. */
    DecisionObserver NONE = (decided, policy) -> { };

    /**
     * @param decided the snippet with its decision and verdict
     * @param policy the policy that decided it
     */
    void observe(DecidedSnippet decided, FilterPolicy policy);

    /**
     * Called once per inference call of the stream, before the decisions of its snippets.
     *
     * @param snippets snippets scored in the call (the micro-batch size)
     * @param nanos time the call took
     */
    default void observeInference(int snippets, long nanos) {
    }

    /**
     * @param observers observers to call in order
     * @return one observer calling them all
     */
    static DecisionObserver all(List<DecisionObserver> observers) {
        return new DecisionObserver() {
            @Override
            public void observe(DecidedSnippet decided, FilterPolicy policy) {
                observers.forEach(o -> o.observe(decided, policy));
            }

            @Override
            public void observeInference(int snippets, long nanos) {
                observers.forEach(o -> o.observeInference(snippets, nanos));
            }
        };
    }
}
