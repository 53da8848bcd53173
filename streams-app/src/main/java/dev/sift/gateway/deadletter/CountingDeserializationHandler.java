package dev.sift.gateway.deadletter;

import dev.sift.schema.deadletter.DeadLetterHeaders;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters a record Kafka Streams could not deserialize and goes on, as Kafka's log-and-continue handler does,
 * with the gateway's bounded reason headers ({@link DeadLetterHeaders}), counted.
 */
public class CountingDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CountingDeserializationHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = HandlerDeadLetters.topic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        DeadLetterCounts.DESERIALIZATION.increment();
        DeadLetterLog.refused(LOG, context, exception);
        return Response.resume(HandlerDeadLetters.deadLetter(deadLetterTopic, context, record.key(), record.value(),
                exception));
    }
}
