package dev.sift.modelops.service;

import dev.sift.schema.ModelRelease;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.TopicSnapshot;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The releases on the compacted releases topic, oldest first. */
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
        return TopicSnapshot.read(topic, kafka, Duration.ofSeconds(30)).stream().map(ConsumerRecord::value)
                .sorted(Comparator.comparingLong(ModelRelease::getSequence)).toList();
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
