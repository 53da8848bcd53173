package dev.sift.gateway.support;

import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
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
     * Reads committed records until {@code expected} arrived or the timeout passed, then a little longer to catch
     * duplicates.
     *
     * @param topic a typed topic
     * @param expected records to wait for
     * @param timeout how long to wait
     * @param <K> key type
     * @param <V> value type
     * @return every record read
     */
    public <K, V> List<ConsumerRecord<K, V>> readCommitted(Topic<K, V> topic, int expected, Duration timeout) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "verifier-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            Instant deadline = Instant.now().plus(timeout);
            Instant settle = null;
            while (Instant.now().isBefore(deadline) && (settle == null || Instant.now().isBefore(settle))) {
                for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
                if (settle == null && out.size() >= expected) {
                    settle = Instant.now().plusSeconds(2);
                }
            }
        }
        return out;
    }
}
