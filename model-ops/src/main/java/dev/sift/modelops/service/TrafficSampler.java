package dev.sift.modelops.service;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the most recent snippets from the live snippets topic (the last records of every partition, without a
 * consumer group), so calibration sees what the model sees now. Unreadable records are skipped.
 */
public final class TrafficSampler {

    private final Map<String, Object> kafka;

    /**
     * @param kafka Kafka client settings
     */
    public TrafficSampler(Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /**
     * @param topic the snippets topic
     * @param count how many snippets at most
     * @return the texts of the latest snippets
     */
    public List<String> recent(Topic<String, ConversationSnippet> topic, int count) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> texts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic.name(), Duration.ofSeconds(15))) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            if (partitions.isEmpty()) {
                return texts;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            long perPartition = Math.max(1, count / partitions.size());
            Map<TopicPartition, Long> stop = new HashMap<>();
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - perPartition));
                stop.put(tp, end.get(tp));
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline) && texts.size() < count
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < stop.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        textOf(topic, r.value()).ifPresent(texts::add);
                    } catch (RuntimeException unreadable) {
                        // The gateway dead-letters such records; calibration just skips them.
                    }
                }
            }
        }
        return texts.size() > count ? texts.subList(0, count) : texts;
    }

    private static java.util.Optional<String> textOf(Topic<String, ConversationSnippet> topic, byte[] value) {
        if (value == null) {
            return java.util.Optional.empty();
        }
        ConversationSnippet s = topic.valueSerde().deserializer().deserialize(topic.name(), value);
        return s == null || s.getText().isBlank() ? java.util.Optional.empty() : java.util.Optional.of(s.getText());
    }
}
