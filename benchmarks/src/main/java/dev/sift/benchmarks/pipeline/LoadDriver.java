package dev.sift.benchmarks.pipeline;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces snippets as a conversation platform would: keyed by conversation, either as fast as the producer goes
 * (a backlog, to measure saturation) or paced at a fixed rate (to measure latency at a given load). Each snippet's
 * event time is the moment it was sent, so a decision's latency is its {@code decidedAt} minus its event time.
 */
final class LoadDriver implements AutoCloseable {

    private static final int CONVERSATIONS = 500;

    private final KafkaProducer<String, ConversationSnippet> producer;
    private final Topic<String, ConversationSnippet> topic;
    private final List<String> texts;
    private long sent;

    /**
     * @param clientConfig broker connection
     * @param topic the snippets topic
     * @param texts snippet texts, used round-robin
     */
    LoadDriver(Map<String, Object> clientConfig, Topic<String, ConversationSnippet> topic, List<String> texts) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        this.producer = new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
        this.topic = topic;
        this.texts = texts;
    }

    /**
     * Sends a backlog as fast as possible.
     *
     * @param prefix snippet id prefix of this phase
     * @param count how many
     */
    void backlog(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            send(prefix, i);
        }
        producer.flush();
    }

    /**
     * Sends at a fixed rate.
     *
     * @param prefix snippet id prefix of this phase
     * @param perSecond snippets per second
     * @param duration how long
     * @return how many were sent
     */
    int paced(String prefix, double perSecond, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double intervalNanos = 1e9 / perSecond;
        int i = 0;
        while (true) {
            long due = start + (long) (i * intervalNanos);
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(prefix, i++);
        }
        producer.flush();
        return i;
    }

    private void send(String prefix, int i) {
        String conversation = "conv-" + (sent % CONVERSATIONS);
        String text = texts.get((int) (sent % texts.size()));
        sent++;
        ConversationSnippet snippet = ConversationSnippet.newBuilder()
                .setSnippetId(prefix + i).setConversationId(conversation).setTenant("bench").setChannel("twitter")
                .setSpeaker(Speaker.newBuilder().setId("user-" + (i % 97)).setRole(SpeakerRole.CUSTOMER).build())
                .setText(text).setEventTime(Instant.now()).build();
        producer.send(new ProducerRecord<>(topic.name(), conversation, snippet));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
