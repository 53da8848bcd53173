package dev.sift.gateway.support;

import dev.sift.schema.topic.Topics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/** {@link TopologyTestDriver}s configured like the gateway: bad records go to the dead-letter topic and it goes on. */
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
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        return new TopologyTestDriver(builder.build(), props);
    }
}
