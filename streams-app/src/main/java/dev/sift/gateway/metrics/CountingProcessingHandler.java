package dev.sift.gateway.metrics;

import dev.sift.gateway.topology.UnreadableSnippetException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka's log-and-continue processing handler (which writes the dead-letter record), counted: unreadable snippet
 * records as deserialization failures, the rest as processing failures.
 */
public class CountingProcessingHandler extends LogAndContinueProcessingExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        (exception instanceof UnreadableSnippetException ? DeadLetterCounts.DESERIALIZATION
                : DeadLetterCounts.PROCESSING).increment();
        return super.handleError(context, record, exception);
    }
}
