package dev.sift.schema.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The kinds of plain Kafka client Sift opens, each configured in one place on top of the deployment's client
 * settings ({@link KafkaClientConfig}: bootstrap servers, security): a reader of committed records that belongs to no
 * group, and a producer that loses nothing and writes nothing twice. Transactional and grouped clients (Kafka
 * Streams, the labeler, the policy writer) add their own ids to these.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * A consumer of committed records only, without a group or auto-commit: it is assigned partitions and reads
     * from where it is told.
     *
     * @param clientConfig client settings
     * @param keys key deserializer
     * @param values value deserializer
     * @param <K> key type
     * @param <V> value type
     * @return the consumer; the caller closes it
     */
    public static <K, V> KafkaConsumer<K, V> committedReader(Map<String, Object> clientConfig, Deserializer<K> keys,
            Deserializer<V> values) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(props, keys, values);
    }

    /**
     * A producer every send of which reaches all in-sync replicas once: {@code acks=all} and idempotence.
     *
     * @param clientConfig client settings (with any producer setting the caller needs, e.g. the largest request)
     * @param keys key serializer
     * @param values value serializer
     * @param <K> key type
     * @param <V> value type
     * @return the producer; the caller closes it
     */
    public static <K, V> KafkaProducer<K, V> reliableProducer(Map<String, Object> clientConfig, Serializer<K> keys,
            Serializer<V> values) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, keys, values);
    }

    /**
     * Assigns every partition of a topic.
     *
     * @param consumer a group-less consumer
     * @param topic the topic
     * @param timeout how long to wait for its metadata
     * @return its partitions; empty when the topic does not exist (nothing is assigned then)
     */
    public static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (!partitions.isEmpty()) {
            consumer.assign(partitions);
        }
        return partitions;
    }
}
