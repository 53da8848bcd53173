package dev.sift.modelops.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic from given offsets up to its end as of the call, without a consumer group (the offsets are kept with
 * the data set, not in Kafka), committed records only, as raw bytes so that a record that does not decode is the
 * caller's to count rather than an exception that stops the read. Offsets whose records expired start at the oldest
 * record left; a topic that does not exist reads as empty.
 */
public final class TopicRangeReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicRangeReader.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;

    /**
     * @param kafka Kafka client settings
     * @param timeout longest time one topic's read may take
     */
    public TopicRangeReader(Map<String, Object> kafka, Duration timeout) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.timeout = timeout;
    }

    /**
     * Hands every record from the given offsets up to the topic's current end to the handler.
     *
     * @param topic the topic
     * @param from per partition, the next offset to read (partitions not named start at their oldest record)
     * @param handler receives each record (its value may be null)
     * @return per partition, the next offset to read afterwards
     * @throws IllegalStateException when the read takes longer than the timeout
     */
    public Map<Integer, Long> read(String topic, Map<Integer, Long> from,
            Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        Map<Integer, Long> next = new TreeMap<>(from);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            return next;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            long start = from.getOrDefault(tp.partition(), begin.get(tp));
            if (start < begin.get(tp)) {
                LOG.warn("{}: records {}..{} expired before they were read into the data set", tp, start,
                        begin.get(tp) - 1);
                start = begin.get(tp);
            } else if (start > end.get(tp)) {
                LOG.warn("{}: read up to {} before, but the partition ends at {} now (the topic was recreated?):"
                        + " reading it from its oldest record", tp, start, end.get(tp));
                start = begin.get(tp);
            }
            consumer.seek(tp, start);
        }
        Instant deadline = Instant.now().plus(timeout);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                handler.accept(record);
            }
        }
        for (TopicPartition tp : partitions) {
            next.put(tp.partition(), consumer.position(tp));
        }
        return next;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
