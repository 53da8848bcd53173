package dev.sift.schema.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** What group-less topic readers share: a committed-only consumer, assigned every partition of a topic. */
final class ConsumerBasics {

    private ConsumerBasics() {
    }

    static <K, V> KafkaConsumer<K, V> consumer(Map<String, Object> clientConfig, Deserializer<K> keys,
            Deserializer<V> values) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(props, keys, values);
    }

    /** Assigns every partition of the topic; empty when the topic does not exist. */
    static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (!partitions.isEmpty()) {
            consumer.assign(partitions);
        }
        return partitions;
    }
}
