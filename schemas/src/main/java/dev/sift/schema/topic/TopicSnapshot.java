package dev.sift.schema.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic from its beginning up to its current end, without a consumer group: the state of a compacted topic
 * (releases, policies) as of now. Tombstones are skipped.
 */
public final class TopicSnapshot {

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
        try (KafkaConsumer<K, V> consumer = ConsumerBasics.consumer(clientConfig, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = ConsumerBasics.assignAll(consumer, topic.name(), timeout);
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
                for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
