package dev.sift.gateway.support;

import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;

/** Producing to and reading from a real broker in integration tests, with typed topics. */
public final class KafkaTestClient {

    private final Map<String, Object> clientConfig;

    /**
     * @param clientConfig bootstrap servers and security settings
     */
    public KafkaTestClient(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /**
     * @param topic a typed topic
     * @return an idempotent producer with {@code acks=all} and a long delivery timeout (survives a broker restart)
     * @param <K> key type
     * @param <V> value type
     */
    public <K, V> KafkaProducer<K, V> producer(Topic<K, V> topic) {
        return producer(topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /**
     * @param keys key serializer (e.g. bytes, to send records no typed topic would accept)
     * @param values value serializer
     * @return an idempotent producer with {@code acks=all}, a delivery timeout long enough to ride out broker
     *     restarts (a send that gives up would be a record a test cannot account for), and room for the largest
     *     records the topics accept
     * @param <K> key type
     * @param <V> value type
     */
    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topic.LARGE_RECORD_BYTES);
        return new KafkaProducer<>(props, keys, values);
    }

    /**
     * Produces records and waits for every acknowledgement.
     *
     * @param topic a typed topic
     * @param records key-value pairs
     * @param <K> key type
     * @param <V> value type
     */
    public <K, V> void produce(Topic<K, V> topic, List<Map.Entry<K, V>> records) {
        try (KafkaProducer<K, V> producer = producer(topic)) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (Map.Entry<K, V> r : records) {
                acks.add(producer.send(new ProducerRecord<>(topic.name(), r.getKey(), r.getValue())));
            }
            for (var ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic.name(), e);
        }
    }

    /**
     * Reads committed records until {@code expected} arrived or the timeout passed, and then on to the end the topic
     * had at that moment: every record committed by then is read, duplicates of the expected ones included.
     *
     * @param topic a typed topic
     * @param expected records to wait for (0: read what is committed now)
     * @param timeout how long to wait
     * @param <K> key type
     * @param <V> value type
     * @return every record read
     */
    public <K, V> List<ConsumerRecord<K, V>> readCommitted(Topic<K, V> topic, int expected, Duration timeout) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            Map<TopicPartition, Long> end = null;
            while (Instant.now().isBefore(deadline)) {
                if (end == null && out.size() >= expected) {
                    // Read committed, the end offsets are where the committed records end now.
                    end = consumer.endOffsets(partitions);
                }
                if (end != null && reached(consumer, end)) {
                    break;
                }
                for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
