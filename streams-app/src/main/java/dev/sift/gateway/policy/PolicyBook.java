package dev.sift.gateway.policy;

import dev.sift.schema.FilterPolicy;
import java.util.function.Function;

/**
 * Which policy applies to a snippet: the tenant's channel policy, else the tenant's, else the fleet default stored
 * under {@code *}, else the default from configuration. Policies are looked up in the gateway's copy of the policies
 * topic (a global table), so a change reaches every instance within seconds without a restart.
 */
public final class PolicyBook {

    /** Id of the fleet-wide default policy. */
    public static final String DEFAULT_ID = "*";

    private final FilterPolicy configuredDefault;

    /**
     * @param configuredDefault the default policy from configuration
     */
    public PolicyBook(FilterPolicy configuredDefault) {
        this.configuredDefault = configuredDefault;
    }

    /** @return the default policy from configuration */
    public FilterPolicy configuredDefault() {
        return configuredDefault;
    }

    /**
     * @param tenant the snippet's tenant
     * @param channel the snippet's channel
     * @param stored looks a policy up by id in the policies table (null when absent)
     * @return the policy that applies
     */
    public FilterPolicy resolve(String tenant, String channel, Function<String, FilterPolicy> stored) {
        FilterPolicy policy = stored.apply(tenant + "/" + channel);
        if (policy == null) {
            policy = stored.apply(tenant);
        }
        if (policy == null) {
            policy = stored.apply(DEFAULT_ID);
        }
        return policy != null ? policy : configuredDefault;
    }

    /**
     * @param tenant a tenant
     * @param channel a channel, or null
     * @return the id its policy is stored under
     */
    public static String idOf(String tenant, String channel) {
        return channel == null || channel.isBlank() ? tenant : tenant + "/" + channel;
    }
}
