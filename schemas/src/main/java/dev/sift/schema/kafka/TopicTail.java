package dev.sift.schema.kafka;

import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the most recent records of a topic (the last ones of every partition), without a consumer group: recent
 * traffic for calibration, recent decisions for what-if. Records that do not decode are skipped.
 */
public final class TopicTail {

    private TopicTail() {
    }

    /**
     * @param topic a typed topic
     * @param clientConfig Kafka client settings
     * @param maxRecords how many records at most (spread over the partitions)
     * @param <K> key type
     * @param <V> value type
     * @return the latest records, committed only
     */
    public static <K, V> List<ConsumerRecord<K, V>> read(Topic<K, V> topic, Map<String, Object> clientConfig,
            int maxRecords) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.committedReader(clientConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = KafkaClients.assignAll(consumer, topic.name(), Duration.ofSeconds(15));
            if (partitions.isEmpty()) {
                return out;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            long perPartition = Math.max(1, maxRecords / partitions.size());
            Map<TopicPartition, Long> stop = new HashMap<>(end);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - perPartition));
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < stop.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        K key = r.key() == null ? null : topic.keySerde().deserializer().deserialize(topic.name(), r.key());
                        V value = r.value() == null ? null
                                : topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
                        if (value != null) {
                            out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), key, value));
                        }
                    } catch (RuntimeException unreadable) {
                        // Skipped: the gateway dead-letters such records.
                    }
                }
            }
        }
        return out;
    }
}
