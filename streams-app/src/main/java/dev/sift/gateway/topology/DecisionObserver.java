package dev.sift.gateway.topology;

import dev.sift.schema.FilterPolicy;
import java.util.List;

/** Sees every decision after it is made, without changing it (shadow model, metrics, dashboard statistics). */
public interface DecisionObserver {

    /** Observes nothing. */
    DecisionObserver NONE = (decided, policy) -> { };

    /**
     * @param decided the snippet with its decision and verdict
     * @param policy the policy that decided it
     */
    void observe(DecidedSnippet decided, FilterPolicy policy);

    /**
     * @param observers observers to call in order
     * @return one observer calling them all
     */
    static DecisionObserver all(List<DecisionObserver> observers) {
        return (decided, policy) -> observers.forEach(o -> o.observe(decided, policy));
    }
}
