package dev.sift.gateway.policy;

import dev.sift.schema.FilterPolicy;
import dev.sift.schema.Polarity;
import dev.sift.schema.ReputationRule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A filter policy as the HTTP API, the CLI and the dashboard read and write it (JSON).
 *
 * @param tenant tenant, or {@code *} for the fleet default
 * @param channel channel, or null for every channel of the tenant
 * @param defaultThreshold threshold of intents without their own
 * @param intentThresholds per-intent thresholds
 * @param alwaysForward intents forwarded at 0.5 or more whatever their threshold
 * @param neverForward intents never forwarded on their own
 * @param reputation the reputation rule, or null
 * @param forwardBudget largest forwarded share of traffic, or null
 * @param auditRate share of the dropped snippets sent to the teacher to be labeled, in [0, 1] (null: the default,
 *     {@value #DEFAULT_AUDIT_RATE})
 * @param maxAuditsPerHour most audit samples per hour of event time, fleet-wide, or null for no cap
 * @param comment why
 * @param revision revision (set by the gateway)
 * @param updatedBy who changed it last (set by the gateway)
 * @param updatedAt when (set by the gateway)
 */
@Serdeable
public record PolicyDocument(String tenant, @Nullable String channel, @Nullable Float defaultThreshold,
        @Nullable Map<String, Float> intentThresholds, @Nullable List<String> alwaysForward,
        @Nullable List<String> neverForward, @Nullable Reputation reputation, @Nullable Float forwardBudget,
        @Nullable Float auditRate, @Nullable Integer maxAuditsPerHour, @Nullable String comment,
        @Nullable Long revision, @Nullable String updatedBy, @Nullable Instant updatedAt) {

    /** Audit rate of a policy that names none: the schema's default. */
    public static final float DEFAULT_AUDIT_RATE = 0.01f;

    /**
     * The reputation rule.
     *
     * @param watchedBrands brands watched (empty: any brand hint)
     * @param polarity NEGATIVE, NEUTRAL or POSITIVE
     * @param threshold probability of that polarity needed
     */
    @Serdeable
    public record Reputation(@Nullable List<String> watchedBrands, @Nullable String polarity,
            @Nullable Float threshold) {
    }

    /** @return the id this policy is stored under */
    public String id() {
        return PolicyBook.idOf(tenant, channel);
    }

    /**
     * @param policy a stored policy
     * @return its document
     */
    public static PolicyDocument of(FilterPolicy policy) {
        ReputationRule rule = policy.getReputationRule();
        return new PolicyDocument(policy.getTenant(), policy.getChannel(), policy.getDefaultThreshold(),
                new LinkedHashMap<>(policy.getIntentThresholds()), List.copyOf(policy.getAlwaysForward()),
                List.copyOf(policy.getNeverForward()),
                rule == null ? null : new Reputation(List.copyOf(rule.getWatchedBrands()), rule.getPolarity().name(),
                        rule.getThreshold()),
                policy.getForwardBudget(), policy.getAuditRate(), policy.getMaxAuditsPerHour(), policy.getComment(),
                policy.getRevision(), policy.getUpdatedBy(), policy.getUpdatedAt());
    }

    /**
     * The stored record (validate first: this only fills defaults).
     *
     * @param revision its revision
     * @param by who changes it
     * @param at when
     * @return the record
     */
    public FilterPolicy toRecord(long revision, String by, Instant at) {
        ReputationRule rule = reputation == null ? null : ReputationRule.newBuilder()
                .setWatchedBrands(reputation.watchedBrands() == null ? List.of()
                        : new ArrayList<>(reputation.watchedBrands()))
                .setPolarity(reputation.polarity() == null ? Polarity.NEGATIVE
                        : Polarity.valueOf(reputation.polarity().toUpperCase(Locale.ROOT)))
                .setThreshold(reputation.threshold() == null ? 0.8f : reputation.threshold())
                .build();
        return FilterPolicy.newBuilder()
                .setTenant(tenant)
                .setChannel(channel == null || channel.isBlank() ? null : channel)
                .setRevision(revision)
                .setDefaultThreshold(defaultThreshold == null ? 0.5f : defaultThreshold)
                .setIntentThresholds(intentThresholds == null ? Map.of() : new LinkedHashMap<>(intentThresholds))
                .setAlwaysForward(alwaysForward == null ? List.of() : new ArrayList<>(alwaysForward))
                .setNeverForward(neverForward == null ? List.of() : new ArrayList<>(neverForward))
                .setReputationRule(rule)
                .setForwardBudget(forwardBudget)
                .setAuditRate(auditRate == null ? DEFAULT_AUDIT_RATE : auditRate)
                .setMaxAuditsPerHour(maxAuditsPerHour)
                .setUpdatedBy(by)
                .setUpdatedAt(at)
                .setComment(comment == null ? "" : comment)
                .build();
    }
}
