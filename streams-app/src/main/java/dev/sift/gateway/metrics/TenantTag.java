package dev.sift.gateway.metrics;

import dev.sift.schema.FilterPolicy;

/**
 * The {@code tenant} tag of the gateway's metrics. A snippet's tenant is whatever its producer wrote, and every tag
 * value is a time series Prometheus keeps and the registry never evicts: tagging by it would let a platform grow the
 * gateway's memory and the monitoring system's without bound, one made-up tenant at a time. So a tenant gets its own
 * tag only when it has a policy of its own (the policy that decided is the tenant's or one of its channels'): a set
 * operators control through the policies topic. Every other tenant is counted under {@value #OTHER}.
 */
final class TenantTag {

    /** The tag of tenants without a policy of their own. */
    static final String OTHER = "other";

    private TenantTag() {
    }

    /**
     * @param tenant the snippet's tenant
     * @param policy the policy that decided it
     * @return the tag value
     */
    static String of(String tenant, FilterPolicy policy) {
        return policy != null && tenant.equals(policy.getTenant()) ? tenant : OTHER;
    }
}
