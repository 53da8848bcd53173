package dev.sift.modelops.service;

import dev.sift.schema.ModelRelease;
import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Reads the compacted releases topic from the start: every release still there, the newest last. */
public final class ReleaseLog {

    private final Map<String, Object> kafka;

    /**
     * @param kafka Kafka client settings
     */
    public ReleaseLog(Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /**
     * @param topic the releases topic
     * @return the releases, by ascending sequence
     */
    public List<ModelRelease> all(Topic<String, ModelRelease> topic) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ModelRelease> out = new ArrayList<>();
        try (KafkaConsumer<String, ModelRelease> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return out;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, ModelRelease> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        out.add(r.value());
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(ModelRelease::getSequence));
        return out;
    }

    /**
     * @param topic the releases topic
     * @return the newest release, if any
     */
    public Optional<ModelRelease> latest(Topic<String, ModelRelease> topic) {
        List<ModelRelease> all = all(topic);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
