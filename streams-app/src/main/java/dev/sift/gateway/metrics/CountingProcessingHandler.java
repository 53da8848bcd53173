package dev.sift.gateway.metrics;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/** Kafka's log-and-continue processing handler (which writes the dead-letter record), counted. */
public class CountingProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        DeadLetterCounts.PROCESSING.increment();
        return super.handleError(context, record, exception);
    }
}
