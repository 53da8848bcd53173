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
     * The id under which a policy is stored: {@code tenant}, {@code tenant/channel}, or {@code *} for the default.
     *
     * @param policy a policy
     * @return its id
     */
    static String idOf(FilterPolicy policy) {
        return policy.getChannel() == null ? policy.getTenant() : policy.getTenant() + "/" + policy.getChannel();
    }
}
