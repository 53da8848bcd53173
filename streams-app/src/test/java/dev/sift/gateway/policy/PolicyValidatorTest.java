package dev.sift.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.ModelInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

    private static final ModelInfo MODEL = new ModelInfo("v", "m", List.of("complaint", "refund_request", "praise"),
            List.of("negative", "neutral", "positive"), 128, "fp32");

    private static PolicyDocument policy(Map<String, Float> thresholds) {
        return new PolicyDocument("acme", null, 0.5f, thresholds, List.of(), List.of(), null, null, null, null, "",
                null, null, null);
    }

    @Test
    void shouldAcceptAValidPolicy() {
        assertThat(PolicyValidator.validate(policy(Map.of("complaint", 0.7f)), "acme", MODEL, Set.of("acme")))
                .isEmpty();
    }

    @Test
    void shouldNameEveryBadField() {
        PolicyDocument bad = new PolicyDocument("acme", null, 1.5f, Map.of("complaint", -0.1f, "loyalty", 0.5f),
                List.of("praise"), List.of("praise"), new PolicyDocument.Reputation(List.of(""), "ANGRY", 2f), 0f,
                1.5f, -1, "", null, null, null);

        assertThat(PolicyValidator.validate(bad, "acme", MODEL, Set.of()))
                .extracting(PolicyValidator.FieldError::field)
                .contains("defaultThreshold", "intentThresholds.complaint", "intentThresholds.loyalty",
                        "neverForward", "reputation.polarity", "reputation.threshold", "reputation.watchedBrands",
                        "forwardBudget", "auditRate", "maxAuditsPerHour");
    }

    @Test
    void shouldRefuseAnUnknownTenantAndAPathMismatch() {
        assertThat(PolicyValidator.validate(policy(Map.of()), "other", MODEL, Set.of("globex")))
                .extracting(PolicyValidator.FieldError::field).containsExactly("tenant", "tenant");
    }
}
