package dev.sift.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Map<String, Object> clientConfig;
    private final Thread thread;
    private volatile Instant stopAt;
    private volatile RuntimeException failure;

    private CommittedReader(Map<String, Object> clientConfig, List<String> topics) {
        this.clientConfig = Map.copyOf(clientConfig);
        topics.forEach(topic -> records.put(topic, Collections.synchronizedList(new ArrayList<>())));
        KafkaConsumer<byte[], byte[]> consumer = consumer(clientConfig, IsolationLevel.READ_COMMITTED);
        List<TopicPartition> partitions = partitions(consumer, topics);
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

    /**
     * Where each partition of a topic stands, asked of the broker by consumers of their own.
     *
     * @param topic one of the topics read
     * @return by partition
     */
    Map<Integer, Standing> standing(String topic) {
        Map<Integer, Standing> standing = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> committed = consumer(clientConfig, IsolationLevel.READ_COMMITTED);
                KafkaConsumer<byte[], byte[]> uncommitted = consumer(clientConfig, IsolationLevel.READ_UNCOMMITTED)) {
            List<TopicPartition> partitions = partitions(committed, List.of(topic));
            committed.assign(partitions);
            uncommitted.assign(partitions);
            Map<TopicPartition, Long> stable = committed.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> end = uncommitted.endOffsets(partitions, Duration.ofSeconds(30));
            for (TopicPartition partition : partitions) {
                standing.put(partition.partition(), new Standing(positions.get(partition), stable.get(partition),
                        end.get(partition)));
            }
        }
        return standing;
    }

    /**
     * Where a partition stands.
     *
     * @param position the reader's position in it; null before the reader knew one
     * @param lastStable how far {@code read_committed} can read: the first offset of the oldest open transaction, or
     *     the log end
     * @param logEnd the offset the next record gets
     */
    record Standing(Long position, long lastStable, long logEnd) {

        /** @return whether a transaction is open on the partition */
        boolean transactionOpen() {
            return lastStable < logEnd;
        }

        @Override
        public String toString() {
            return "read to " + position + ", stable to " + lastStable + ", end " + logEnd;
        }
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
                recordPositions(consumer);
            }
        } catch (org.apache.kafka.common.errors.InterruptException stopped) {
            // Closed before finishing: the run failed elsewhere.
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Each partition's position where the consumer knows it without asking the broker, which may be down. */
    private void recordPositions(KafkaConsumer<byte[], byte[]> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            try {
                positions.put(partition, consumer.position(partition, Duration.ZERO));
            } catch (org.apache.kafka.common.errors.TimeoutException notKnownYet) {
                // Its offset is being looked up: the last known position stands.
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientConfig, IsolationLevel isolation) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        // Large fetches: a run's output is hundreds of megabytes, dead letters among it up to the topic's limit.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        return partitions;
    }

    private void rethrow() {
        RuntimeException error = failure;
        if (error != null) {
            throw new IllegalStateException("the reader failed", error);
        }
    }
}
