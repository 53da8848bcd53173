package dev.sift.modelops.service;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.kafka.TopicTail;
import dev.sift.schema.topic.Topic;
import java.util.List;
import java.util.Map;

/** The most recent snippets on the live snippets topic, so calibration sees what the model sees now. */
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
     * @return the texts of the latest snippets (blank ones skipped)
     */
    public List<String> recent(Topic<String, ConversationSnippet> topic, int count) {
        return TopicTail.read(topic, kafka, count).stream().map(r -> r.value().getText())
                .filter(t -> !t.isBlank()).limit(count).toList();
    }
}
