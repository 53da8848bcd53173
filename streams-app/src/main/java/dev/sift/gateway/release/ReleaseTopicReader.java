package dev.sift.gateway.release;

import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.KafkaClients;
import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that reads the releases topic: every partition from the beginning, without a consumer group (every
 * gateway instance sees every release, whatever snippet partitions it owns), handing each poll's releases on in
 * topic order. An undecodable record is logged and skipped; a tombstone is skipped. Which release to take is not
 * decided here ({@link ReleaseSelection}).
 */
final class ReleaseTopicReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(10);
    private static final long JOIN_MILLIS = 10_000;

    /**
     * A release read from the topic.
     *
     * @param release the release
     * @param history whether it was on the topic before this reader started (an older one there is no refusal)
     */
    record Read(ModelRelease release, boolean history) {
    }

    private final Topic<String, ModelRelease> topic;
    private final Map<String, Object> kafka;
    private final Consumer<List<Read>> onPoll;
    private volatile KafkaConsumer<String, ModelRelease> consumer;
    private volatile Thread thread;
    private volatile boolean running = true;

    /**
     * @param topic the releases topic
     * @param kafka Kafka client settings
     * @param onPoll called on the reader's thread with each poll's releases, in topic order (possibly none)
     */
    ReleaseTopicReader(Topic<String, ModelRelease> topic, Map<String, Object> kafka, Consumer<List<Read>> onPoll) {
        this.topic = topic;
        this.kafka = kafka;
        this.onPoll = onPoll;
    }

    /** Starts reading on a daemon thread named {@code release-follower}. */
    void start() {
        Thread t = new Thread(this::read, "release-follower");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void read() {
        try (KafkaConsumer<String, ModelRelease> c = KafkaClients.committedReader(kafka,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer = c;
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = c.partitionsFor(topic.name(), METADATA_WAIT).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> past = c.endOffsets(partitions);
            while (running) {
                List<Read> polled = new ArrayList<>();
                try {
                    for (ConsumerRecord<String, ModelRelease> r : c.poll(POLL)) {
                        if (r.value() != null) {
                            boolean old = r.offset() < past.getOrDefault(new TopicPartition(r.topic(), r.partition()),
                                    0L);
                            polled.add(new Read(r.value(), old));
                        }
                    }
                } catch (RecordDeserializationException e) {
                    LOG.warn("skipping undecodable record {}-{}@{} on the releases topic: {}", e.topicPartition()
                            .topic(), e.topicPartition().partition(), e.offset(), e.getMessage());
                    c.seek(e.topicPartition(), e.offset() + 1);
                }
                onPoll.accept(polled);
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up.
        } catch (RuntimeException e) {
            LOG.error("release follower stopped: {}", e.toString(), e);
        }
    }

    /** Stops reading and waits a while for the thread to end. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, ModelRelease> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
