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
 * @param labelerGroupId model-ops' labeler consumer group ({@code sift.labeler.group-id}), also the prefix of its
 *     transactional ids
 */
public record AclScope(TopicNames topics, String gatewayApplicationId, String platformGroupPrefix,
        String labelerGroupId) {

    /** The gateways' application id unless configured otherwise ({@code kafka.streams.default.application.id}). */
    public static final String DEFAULT_APPLICATION_ID = "sift-gateway";
    /** The platforms' consumer group prefix unless chosen otherwise. */
    public static final String DEFAULT_PLATFORM_GROUP_PREFIX = "sift-platform-";
    /** The labelers' consumer group unless configured otherwise ({@code sift.labeler.group-id}). */
    public static final String DEFAULT_LABELER_GROUP_ID = "sift.labeler";

    /**
     * A scope with the default labeler group.
     *
     * @param topics the Sift topic names
     * @param gatewayApplicationId the gateways' Kafka Streams application id
     * @param platformGroupPrefix the prefix of the platforms' consumer groups
     */
    public AclScope(TopicNames topics, String gatewayApplicationId, String platformGroupPrefix) {
        this(topics, gatewayApplicationId, platformGroupPrefix, DEFAULT_LABELER_GROUP_ID);
    }

    /**
     * Validates the names. The gateways get every right on topics named after their application id (Kafka Streams'
     * internal topics), so a Sift topic under that prefix would be theirs to write: such a scope is refused.
     */
    public AclScope {
        Objects.requireNonNull(topics, "topics");
        requireName(gatewayApplicationId, "gateway application id");
        requireName(platformGroupPrefix, "platform group prefix");
        requireName(labelerGroupId, "labeler group id");
        String internal = internalTopicPrefix(gatewayApplicationId);
        for (String topic : SiftAcls.topicNames(topics)) {
            if (topic.startsWith(internal)) {
                throw new IllegalArgumentException("topic " + topic + " starts with " + internal
                        + ", the prefix of the gateways' internal topics: choose another name or application id");
            }
        }
    }

    /** @return the prefix of the labelers' transactional ids ({@code <group>-<instance>}) */
    public String labelerTransactionalIdPrefix() {
        return labelerGroupId + "-";
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
