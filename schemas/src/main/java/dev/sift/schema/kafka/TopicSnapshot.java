package dev.sift.schema.kafka;

import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic from its beginning up to its current end, without a consumer group: the state of a compacted topic
 * (releases, policies) as of now. Tombstones and records that cannot be decoded are skipped.
 */
public final class TopicSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSnapshot.class);

    private TopicSnapshot() {
    }

    /**
     * @param topic a typed topic
     * @param clientConfig Kafka client settings
     * @param timeout how long reading may take
     * @param <K> key type
     * @param <V> value type
     * @return every (non-tombstone) record, in partition order
     */
    public static <K, V> List<ConsumerRecord<K, V>> read(Topic<K, V> topic, Map<String, Object> clientConfig,
            Duration timeout) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = KafkaClients.committedReader(clientConfig, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = KafkaClients.assignAll(consumer, topic.name(), timeout);
            if (partitions.isEmpty()) {
                return out;
            }
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic.name() + " to its end within " + timeout);
                }
                try {
                    for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.value() != null) {
                            out.add(r);
                        }
                    }
                } catch (RecordDeserializationException e) {
                    // Whoever can write the topic can write bytes that are no record: skip them, read the rest.
                    LOG.warn("skipping undecodable record {}-{}@{}: {}", topic.name(), e.topicPartition().partition(),
                            e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        return out;
    }
}
