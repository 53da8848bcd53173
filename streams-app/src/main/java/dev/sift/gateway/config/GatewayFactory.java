package dev.sift.gateway.config;

import dev.sift.gateway.release.InitialModel;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.release.ModelHistory;
import dev.sift.gateway.release.ModelLoader;
import dev.sift.gateway.release.ReleaseConfig;
import dev.sift.gateway.release.ReleaseInstaller;
import dev.sift.gateway.release.SequenceFloor;
import dev.sift.gateway.policy.DefaultPolicyConfig;
import dev.sift.gateway.policy.PolicyBook;
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
     * The model the gateway starts with (configured bundle, else the newest valid release); the gateway does not
     * start without one.
     *
     * @param loader the bundle loader
     * @param releases release settings
     * @param installer prepares releases
     * @param floor the highest release sequence accepted before
     * @param history swap history
     * @param topics topic registry
     * @param kafka Kafka client settings
     * @return the live model
     */
    @Singleton
    @Bean(preDestroy = "close")
    public LiveModel liveModel(ModelLoader loader, ReleaseConfig releases, ReleaseInstaller installer,
            SequenceFloor floor, ModelHistory history, Topics topics, KafkaClientSettings kafka) {
        return new LiveModel(InitialModel.load(new InitialModel.Sources(loader, installer, floor, history), releases,
                topics.releases(), kafka.asMap()));
    }

    /**
     * @param defaults the default policy from configuration
     * @return how a snippet's policy is found
     */
    @Singleton
    public PolicyBook policyBook(DefaultPolicyConfig defaults) {
        return new PolicyBook(defaults.toPolicy());
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
