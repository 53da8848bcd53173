package dev.sift.gateway.policy;

import dev.sift.schema.FilterPolicy;

/** Where the gateway finds the filter policy of a tenant and channel. */
public interface PolicySource {

    /**
     * The policy that applies: the tenant's channel policy, else the tenant's, else the fleet default.
     *
     * @param tenant the snippet's tenant
     * @param channel the snippet's channel
     * @return the policy, never null
     */
    FilterPolicy policyFor(String tenant, String channel);

    /**
     * Every intent some policy in force names (thresholds, always or never forwarded): a model that does not score
     * one of them cannot serve these policies.
     *
     * @return intent names
     */
    java.util.Set<String> referencedIntents();

    /**
     * The intents one policy names.
     *
     * @param policy a policy
     * @return intents in its thresholds, always-forward and never-forward lists
     */
    static java.util.Set<String> intentsOf(FilterPolicy policy) {
        java.util.Set<String> out = new java.util.TreeSet<>(policy.getIntentThresholds().keySet());
        out.addAll(policy.getAlwaysForward());
        out.addAll(policy.getNeverForward());
        return out;
    }

    /**
     * The id under which a policy is stored: {@code tenant}, {@code tenant/channel}, or {@code *} for the default.
     *
     * @param policy a policy
     * @return its id
     */
    static String idOf(FilterPolicy policy) {
        return policy.getChannel() == null ? policy.getTenant() : policy.getTenant() + "/" + policy.getChannel();
    }
}
