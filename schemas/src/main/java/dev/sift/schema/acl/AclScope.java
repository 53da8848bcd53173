package dev.sift.schema.acl;

import dev.sift.schema.topic.TopicNames;
import java.util.Objects;

/**
 * The names a deployment's ACLs are about.
 *
 * @param topics the Sift topic names ({@code sift.topics.*})
 * @param gatewayApplicationId the gateways' Kafka Streams application id: their consumer group, and the prefix of
 *     their transactional ids and internal topics
 * @param platformGroupPrefix the prefix of the consumer groups platforms read forwarded snippets in
 */
public record AclScope(TopicNames topics, String gatewayApplicationId, String platformGroupPrefix) {

    /** The gateways' application id unless configured otherwise ({@code kafka.streams.default.application.id}). */
    public static final String DEFAULT_APPLICATION_ID = "sift-gateway";
    /** The platforms' consumer group prefix unless chosen otherwise. */
    public static final String DEFAULT_PLATFORM_GROUP_PREFIX = "sift-platform-";

    /**
     * Validates the names. The gateways get every right on topics named after their application id (Kafka Streams'
     * internal topics), so a Sift topic under that prefix would be theirs to write: such a scope is refused.
     */
    public AclScope {
        Objects.requireNonNull(topics, "topics");
        requireName(gatewayApplicationId, "gateway application id");
        requireName(platformGroupPrefix, "platform group prefix");
        String internal = internalTopicPrefix(gatewayApplicationId);
        for (String topic : SiftAcls.topicNames(topics)) {
            if (topic.startsWith(internal)) {
                throw new IllegalArgumentException("topic " + topic + " starts with " + internal
                        + ", the prefix of the gateways' internal topics: choose another name or application id");
            }
        }
    }

    /** @return the prefix of the gateways' internal topics and transactional ids */
    public String gatewayInternalPrefix() {
        return internalTopicPrefix(gatewayApplicationId);
    }

    private static String internalTopicPrefix(String applicationId) {
        return applicationId + "-";
    }

    /** @return the default topic names, application id and platform group prefix */
    public static AclScope defaults() {
        return new AclScope(TopicNames.defaults(), DEFAULT_APPLICATION_ID, DEFAULT_PLATFORM_GROUP_PREFIX);
    }

    private static void requireName(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be blank");
        }
    }
}
