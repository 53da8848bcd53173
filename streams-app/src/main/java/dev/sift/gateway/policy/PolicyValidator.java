package dev.sift.gateway.policy;

import dev.sift.classifier.ModelInfo;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a policy before it is stored: thresholds in [0, 1], intents the live model scores, a known tenant, a
 * well-formed reputation rule and budget. Each problem names its field.
 */
public final class PolicyValidator {

    private static final Set<String> POLARITIES = Set.of("NEGATIVE", "NEUTRAL", "POSITIVE");

    private PolicyValidator() {
    }

    /**
     * One problem.
     *
     * @param field the field, e.g. {@code intentThresholds.complaint}
     * @param message what is wrong
     */
    @Serdeable
    public record FieldError(String field, String message) {
    }

    /**
     * @param policy the proposed policy
     * @param pathId the id in the request path, or null
     * @param model what the live model scores
     * @param knownTenants tenants that may have policies (empty: any)
     * @return problems; empty when valid
     */
    public static List<FieldError> validate(PolicyDocument policy, String pathId, ModelInfo model,
            Set<String> knownTenants) {
        List<FieldError> errors = new ArrayList<>();
        if (policy == null) {
            return List.of(new FieldError("body", "a policy document is required"));
        }
        if (policy.tenant() == null || policy.tenant().isBlank()) {
            errors.add(new FieldError("tenant", "is required"));
        } else if (!policy.tenant().equals(PolicyBook.DEFAULT_ID) && !knownTenants.isEmpty()
                && !knownTenants.contains(policy.tenant())) {
            errors.add(new FieldError("tenant", "unknown tenant '" + policy.tenant() + "' (known: " + knownTenants
                    + ")"));
        }
        if (pathId != null && policy.tenant() != null && !pathId.equals(policy.id())) {
            errors.add(new FieldError("tenant", "the document is for '" + policy.id() + "' but the path says '"
                    + pathId + "'"));
        }
        unit(errors, "defaultThreshold", policy.defaultThreshold());
        Set<String> intents = new HashSet<>(model.intents());
        if (policy.intentThresholds() != null) {
            for (Map.Entry<String, Float> e : policy.intentThresholds().entrySet()) {
                known(errors, "intentThresholds." + e.getKey(), e.getKey(), intents);
                unit(errors, "intentThresholds." + e.getKey(), e.getValue());
            }
        }
        List<String> always = policy.alwaysForward() == null ? List.of() : policy.alwaysForward();
        List<String> never = policy.neverForward() == null ? List.of() : policy.neverForward();
        always.forEach(i -> known(errors, "alwaysForward", i, intents));
        never.forEach(i -> known(errors, "neverForward", i, intents));
        for (String i : always) {
            if (never.contains(i)) {
                errors.add(new FieldError("neverForward", "'" + i + "' is also in alwaysForward"));
            }
        }
        if (policy.reputation() != null) {
            if (!model.hasReputation()) {
                errors.add(new FieldError("reputation", "the live model has no reputation head"));
            }
            String polarity = policy.reputation().polarity();
            if (polarity != null && !POLARITIES.contains(polarity.toUpperCase(Locale.ROOT))) {
                errors.add(new FieldError("reputation.polarity", "must be NEGATIVE, NEUTRAL or POSITIVE, got '"
                        + polarity + "'"));
            }
            unit(errors, "reputation.threshold", policy.reputation().threshold());
            if (policy.reputation().watchedBrands() != null
                    && policy.reputation().watchedBrands().stream().anyMatch(b -> b == null || b.isBlank())) {
                errors.add(new FieldError("reputation.watchedBrands", "brand names must not be blank"));
            }
        }
        if (policy.forwardBudget() != null && !(policy.forwardBudget() > 0 && policy.forwardBudget() <= 1)) {
            errors.add(new FieldError("forwardBudget", "must be in (0, 1], got " + policy.forwardBudget()));
        }
        unit(errors, "auditRate", policy.auditRate());
        if (policy.maxAuditsPerHour() != null && policy.maxAuditsPerHour() < 0) {
            errors.add(new FieldError("maxAuditsPerHour", "must be 0 or more (null: no cap), got "
                    + policy.maxAuditsPerHour()));
        }
        return errors;
    }

    private static void unit(List<FieldError> errors, String field, Float value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            errors.add(new FieldError(field, "must be in [0, 1], got " + value));
        }
    }

    private static void known(List<FieldError> errors, String field, String intent, Set<String> intents) {
        if (!intents.contains(intent)) {
            errors.add(new FieldError(field, "unknown intent '" + intent + "' (the model scores " + intents + ")"));
        }
    }
}
