package dev.sift.gateway.config;

import dev.sift.gateway.classify.LiveModel;
import dev.sift.gateway.classify.ModelLoader;
import dev.sift.gateway.policy.ConfiguredPolicies;
import dev.sift.gateway.policy.DefaultPolicyConfig;
import dev.sift.gateway.policy.PolicySource;
import dev.sift.schema.topic.Topics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

/** The gateway's shared beans. */
@Factory
public class GatewayFactory {

    /**
     * @param config topic settings
     * @return the typed topic registry under the configured names
     */
    @Singleton
    public Topics topics(TopicsConfig config) {
        return new Topics(config.toNames());
    }

    /**
     * Loads the configured bundle; the gateway does not start without a valid one.
     *
     * @param loader the bundle loader
     * @return the live model
     */
    @Singleton
    @Bean(preDestroy = "close")
    public LiveModel liveModel(ModelLoader loader) {
        return new LiveModel(loader.loadConfigured());
    }

    /**
     * @param defaults the default policy from configuration
     * @return where policies come from
     */
    @Singleton
    public PolicySource policySource(DefaultPolicyConfig defaults) {
        return new ConfiguredPolicies(defaults.toPolicy());
    }

    /** @return the wall clock */
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * @param configured {@code sift.gateway.id}, empty for host name and process id
     * @return this instance's id, carried by every decision
     */
    @Singleton
    @Named("gateway-id")
    public String gatewayId(@Value("${sift.gateway.id:}") String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "gateway";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
