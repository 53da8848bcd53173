package dev.sift.gateway.policy;

import dev.sift.schema.Polarity;
import java.util.List;
import java.util.Map;

/**
 * The scores the forward rule reads from a recorded decision, which keeps only the intents scoring at or above the
 * recording floor. (The live evaluator applies the same rule's parts, {@link ForwardRule#thresholdOf},
 * {@link ForwardRule#reaches} and {@link ForwardRule#reputationForwards}, as it explains each score.)
 */
public interface ForwardScores {

    /** @return each intent with a score, in the model's order; an intent not named scored below the floor */
    Map<String, Float> intents();

    /**
     * @param polarity a polarity
     * @return its probability, or 0 when the model has no reputation head
     */
    float polarity(Polarity polarity);

    /** @return brands the snippet mentions (the watched brands it was found to mention when it was decided) */
    List<String> brands();
}
