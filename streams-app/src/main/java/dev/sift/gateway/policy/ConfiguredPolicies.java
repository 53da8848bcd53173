package dev.sift.gateway.policy;

import dev.sift.schema.FilterPolicy;

/** A policy source with only the fleet default from configuration. */
public final class ConfiguredPolicies implements PolicySource {

    private final FilterPolicy defaultPolicy;

    /**
     * @param defaultPolicy the policy for every tenant
     */
    public ConfiguredPolicies(FilterPolicy defaultPolicy) {
        this.defaultPolicy = defaultPolicy;
    }

    @Override
    public FilterPolicy policyFor(String tenant, String channel) {
        return defaultPolicy;
    }

    @Override
    public java.util.Set<String> referencedIntents() {
        return PolicySource.intentsOf(defaultPolicy);
    }
}
