package dev.sift.gateway.policy;

import dev.sift.schema.FilterPolicy;
import dev.sift.schema.Polarity;
import dev.sift.schema.ReputationRule;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sift.policy.default.*}: the fleet-wide default filter policy, used for every tenant without a policy of
 * its own.
 */
@ConfigurationProperties("sift.policy.default")
public class DefaultPolicyConfig {

    private float defaultThreshold = 0.8f;
    private Map<String, Float> intentThresholds = new LinkedHashMap<>();
    private List<String> alwaysForward = new ArrayList<>();
    private List<String> neverForward = new ArrayList<>();
    private List<String> watchedBrands = new ArrayList<>();
    private Polarity reputationPolarity = Polarity.NEGATIVE;
    private Float reputationThreshold = 0.8f;
    private Float forwardBudget;
    private float auditRate = 0.01f;
    private Integer maxAuditsPerHour;

    /** @return the policy record these settings describe */
    public FilterPolicy toPolicy() {
        ReputationRule rule = reputationThreshold == null ? null : ReputationRule.newBuilder()
                .setWatchedBrands(List.copyOf(watchedBrands)).setPolarity(reputationPolarity)
                .setThreshold(reputationThreshold).build();
        return FilterPolicy.newBuilder()
                .setTenant("*").setChannel(null).setRevision(0)
                .setDefaultThreshold(defaultThreshold)
                .setIntentThresholds(new LinkedHashMap<>(intentThresholds))
                .setAlwaysForward(List.copyOf(alwaysForward))
                .setNeverForward(List.copyOf(neverForward))
                .setReputationRule(rule)
                .setForwardBudget(forwardBudget)
                .setAuditRate(auditRate)
                .setMaxAuditsPerHour(maxAuditsPerHour)
                .setUpdatedBy("config").setUpdatedAt(Instant.EPOCH).setComment("default policy from configuration")
                .build();
    }

    /** @return threshold of intents without their own */
    public float getDefaultThreshold() {
        return defaultThreshold;
    }

    /** @param defaultThreshold threshold of intents without their own */
    public void setDefaultThreshold(float defaultThreshold) {
        this.defaultThreshold = defaultThreshold;
    }

    /** @return per-intent thresholds */
    public Map<String, Float> getIntentThresholds() {
        return intentThresholds;
    }

    /**
     * Keys are kept as written: Micronaut would otherwise turn {@code cancellation_risk} into
     * {@code cancellation-risk}, which no model scores.
     *
     * @param intentThresholds per-intent thresholds
     */
    public void setIntentThresholds(
            @MapFormat(keyFormat = StringConvention.RAW, transformation = MapFormat.MapTransformation.NESTED)
            Map<String, Float> intentThresholds) {
        this.intentThresholds = intentThresholds;
    }

    /** @return intents forwarded at 0.5 or more */
    public List<String> getAlwaysForward() {
        return alwaysForward;
    }

    /** @param alwaysForward intents forwarded at 0.5 or more */
    public void setAlwaysForward(List<String> alwaysForward) {
        this.alwaysForward = alwaysForward;
    }

    /** @return intents never forwarded on their own */
    public List<String> getNeverForward() {
        return neverForward;
    }

    /** @param neverForward intents never forwarded on their own */
    public void setNeverForward(List<String> neverForward) {
        this.neverForward = neverForward;
    }

    /** @return brands whose mentions the reputation rule watches (empty: any brand hint) */
    public List<String> getWatchedBrands() {
        return watchedBrands;
    }

    /** @param watchedBrands brands whose mentions the reputation rule watches */
    public void setWatchedBrands(List<String> watchedBrands) {
        this.watchedBrands = watchedBrands;
    }

    /** @return polarity that forwards a watched-brand mention */
    public Polarity getReputationPolarity() {
        return reputationPolarity;
    }

    /** @param reputationPolarity polarity that forwards a watched-brand mention */
    public void setReputationPolarity(Polarity reputationPolarity) {
        this.reputationPolarity = reputationPolarity;
    }

    /** @return probability of that polarity needed; null disables the reputation rule */
    public Float getReputationThreshold() {
        return reputationThreshold;
    }

    /** @param reputationThreshold probability of that polarity needed; null disables the rule */
    public void setReputationThreshold(Float reputationThreshold) {
        this.reputationThreshold = reputationThreshold;
    }

    /** @return maximum forwarded share of traffic, or null */
    public Float getForwardBudget() {
        return forwardBudget;
    }

    /** @param forwardBudget maximum forwarded share of traffic, or null */
    public void setForwardBudget(Float forwardBudget) {
        this.forwardBudget = forwardBudget;
    }

    /** @return share of the dropped snippets sent to the teacher to be labeled (the audit sample), in [0, 1] */
    public float getAuditRate() {
        return auditRate;
    }

    /** @param auditRate share of the dropped snippets sent to the teacher to be labeled, in [0, 1] */
    public void setAuditRate(float auditRate) {
        this.auditRate = auditRate;
    }

    /** @return most audit samples per hour of event time, fleet-wide, or null for no cap */
    public Integer getMaxAuditsPerHour() {
        return maxAuditsPerHour;
    }

    /** @param maxAuditsPerHour most audit samples per hour of event time, fleet-wide, or null for no cap */
    public void setMaxAuditsPerHour(Integer maxAuditsPerHour) {
        this.maxAuditsPerHour = maxAuditsPerHour;
    }
}
