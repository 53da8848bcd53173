package dev.sift.gateway.topology;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code sift.decisions.*}: how much of the model's output a decision record carries. A model with many intents
 * (CLINC150's 150) scores almost all of them near zero for any one snippet; writing every one made each decision
 * sixteen times the size of its snippet, and the decisions topic cost the gateway, the broker and every reader more
 * than the snippets themselves. An intent left out scored below the floor and did not match its threshold, so a
 * policy replayed on the decisions (what-if, auto-thresholds) is exact for any threshold at or above the floor.
 *
 * @param minIntentScore intents scoring below this are left out of decision records unless they matched; 0 keeps
 *     every intent
 */
@ConfigurationProperties("sift.decisions")
public record DecisionDetail(@Bindable(defaultValue = "0.01") float minIntentScore) {

    /** The defaults. */
    public static final DecisionDetail DEFAULTS = new DecisionDetail(0.01f);

    /** Every intent in every decision. */
    public static final DecisionDetail EVERY_INTENT = new DecisionDetail(0f);

    /** Checks the settings. */
    public DecisionDetail {
        if (!(minIntentScore >= 0 && minIntentScore <= 1)) {
            throw new IllegalArgumentException("sift.decisions.min-intent-score must be in [0, 1], was "
                    + minIntentScore);
        }
    }
}
