package dev.sift.gateway.support;

import dev.sift.gateway.deadletter.CountingDeserializationHandler;
import dev.sift.gateway.deadletter.CountingProcessingHandler;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * {@link TopologyTestDriver}s configured like the gateway: bad records go to the dead-letter topic, by the gateway's
 * own exception handlers, and it goes on.
 */
public final class TopologyDrivers {

    private TopologyDrivers() {
    }

    /**
     * @param builder a builder holding the topology
     * @param topics the topic registry (for the dead-letter topic)
     * @param applicationId the application id
     * @return a running driver; the caller closes it
     */
    public static TopologyTestDriver start(StreamsBuilder builder, Topics topics, String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters().name());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, CountingProcessingHandler.class);
        return new TopologyTestDriver(builder.build(), props);
    }

    /**
     * @param driver a driver
     * @param topic a typed topic
     * @return an input topic with the topic's serdes
     * @param <K> key type
     * @param <V> value type
     */
    public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /**
     * @param driver a driver
     * @param topic a typed topic
     * @return an output topic with the topic's serdes
     * @param <K> key type
     * @param <V> value type
     */
    public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
