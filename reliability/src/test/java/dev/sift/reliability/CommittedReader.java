package dev.sift.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of some topics from their start with {@code read_committed}, with one consumer on its own
 * thread, for as long as a run goes on: the verifier's records are read while the gateways write them, not after.
 * No consumer group: nothing is committed, every record ever committed is read.
 */
final class CommittedReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
    private final Thread thread;
    private volatile Instant stopAt;
    private volatile RuntimeException failure;

    private CommittedReader(Map<String, Object> clientConfig, List<String> topics) {
        topics.forEach(topic -> records.put(topic, Collections.synchronizedList(new ArrayList<>())));
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        // Large fetches: a run's output is hundreds of megabytes, dead letters among it up to the topic's limit.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> read(consumer), "committed-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts reading.
     *
     * @param clientConfig bootstrap servers and security settings
     * @param topics the topics to read, every partition
     * @return the running reader
     */
    static CommittedReader start(Map<String, Object> clientConfig, List<String> topics) {
        return new CommittedReader(clientConfig, topics);
    }

    /**
     * @param topic one of the topics read
     * @return how many of its records were read so far
     */
    int count(String topic) {
        rethrow();
        return records.get(topic).size();
    }

    /**
     * @param topic one of the topics read
     * @return its records read so far, in the order read
     */
    List<ConsumerRecord<byte[], byte[]>> snapshot(String topic) {
        rethrow();
        List<ConsumerRecord<byte[], byte[]>> read = records.get(topic);
        synchronized (read) {
            return List.copyOf(read);
        }
    }

    /**
     * @param topic one of the topics read
     * @param from how many of its records the caller has already seen
     * @return its records read after those, in the order read
     */
    List<ConsumerRecord<byte[], byte[]>> since(String topic, int from) {
        rethrow();
        List<ConsumerRecord<byte[], byte[]>> read = records.get(topic);
        synchronized (read) {
            return List.copyOf(read.subList(from, read.size()));
        }
    }

    /**
     * Keeps reading for {@code window} more (to catch what comes late: duplicates), then stops.
     *
     * @param window how much longer to read
     * @return every record read, by topic, each topic's in the order read
     */
    Map<String, List<ConsumerRecord<byte[], byte[]>>> finish(Duration window) throws InterruptedException {
        stopAt = Instant.now().plus(window);
        thread.join(window.plus(Duration.ofMinutes(1)).toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the reader did not stop");
        }
        rethrow();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> copy = new LinkedHashMap<>();
        records.forEach((topic, read) -> copy.put(topic, List.copyOf(read)));
        return copy;
    }

    @Override
    public void close() {
        stopAt = Instant.now();
        thread.interrupt();
    }

    private void read(KafkaConsumer<byte[], byte[]> consumer) {
        try (consumer) {
            while (stopAt == null || Instant.now().isBefore(stopAt)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    records.get(record.topic()).add(record);
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException stopped) {
            // Closed before finishing: the run failed elsewhere.
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void rethrow() {
        RuntimeException error = failure;
        if (error != null) {
            throw new IllegalStateException("the reader failed", error);
        }
    }
}
