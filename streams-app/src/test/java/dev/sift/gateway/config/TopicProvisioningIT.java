package dev.sift.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The topics a gateway starts with: created ready to take records, and checked for loose record limits. */
@ExtendWith(SharedBroker.class)
class TopicProvisioningIT {

    private static LocalKafkaBroker broker;

    @BeforeAll
    static void useBroker(LocalKafkaBroker shared) {
        broker = shared;
    }

    @Test
    void shouldReturnOnlyOnceEveryPartitionOfTheCreatedTopicsIsServed() throws Exception {
        // Given no topics yet
        Topics topics = new Topics(TopicNames.defaults().prefixed("served"));

        // When they are ensured
        var created = new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);

        // Then each is created, and each partition's leader answers at once (a producer is not refused)
        assertThat(created).hasSize(topics.all().size());
        try (Admin admin = Admin.create(broker.clientConfig())) {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (String topic : created) {
                for (int p = 0; p < 6; p++) {
                    partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            assertThat(admin.listOffsets(partitions).all().get(1, TimeUnit.SECONDS)).hasSize(partitions.size());
        }
        // And ensuring again creates nothing
        assertThat(new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1)).isEmpty();
    }

    @Test
    void shouldWarnWhenASnippetsTopicAcceptsLargerRecordsThanSiftCreatesItWith() throws Exception {
        // Given a snippets topic created by an older release, with 8 MiB records, and another created by Sift now
        Topics old = new Topics(TopicNames.defaults().prefixed("old"));
        Topics tight = new Topics(TopicNames.defaults().prefixed("tight"));
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(old.snippets().name(), 1, (short) 1).configs(Map.of(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topic.LARGE_RECORD_BYTES)))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        TopicProvisioner provisioner = new TopicProvisioner(broker.clientConfig());
        provisioner.ensure(tight.all(), 1, (short) 1);

        // When their limits are checked
        List<String> oldWarnings = provisioner.looseRecordLimits(old.all());
        List<String> tightWarnings = provisioner.looseRecordLimits(tight.all());

        // Then only the old one is named, with the setting to lower and its value
        assertThat(oldWarnings).singleElement().asString().contains(old.snippets().name())
                .contains(TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "=" + Topic.SNIPPET_RECORD_BYTES);
        assertThat(tightWarnings).isEmpty();
    }
}
