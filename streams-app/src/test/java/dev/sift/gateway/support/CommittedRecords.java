package dev.sift.gateway.support;

import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;

/**
 * The committed records of a topic as they arrive, for a test to wait on ("until every instance has decided
 * something") while the topic keeps growing. Not thread-safe: poll it from one thread at a time (with Awaitility,
 * {@code pollInSameThread()}).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class CommittedRecords<K, V> implements AutoCloseable {

    private final KafkaConsumer<K, V> consumer;
    private final List<ConsumerRecord<K, V>> read = new ArrayList<>();

    /**
     * Starts reading the topic from its beginning.
     *
     * @param clientConfig bootstrap servers and security settings
     * @param topic a typed topic
     */
    public CommittedRecords(Map<String, Object> clientConfig, Topic<K, V> topic) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "tail-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
    }

    /**
     * Reads what was committed since the last call.
     *
     * @return every record read so far, oldest first per partition
     */
    public List<ConsumerRecord<K, V>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        return List.copyOf(read);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
