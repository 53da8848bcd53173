package dev.sift.gateway.metrics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** Kafka's log-and-continue handler (which writes the dead-letter record), counted. */
public class CountingDeserializationHandler extends LogAndContinueExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        DeadLetterCounts.DESERIALIZATION.increment();
        return super.handleError(context, record, exception);
    }
}
