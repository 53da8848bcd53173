package dev.sift.gateway.deadletter;

import dev.sift.gateway.topology.UnreadableSnippetException;
import dev.sift.schema.deadletter.DeadLetterHeaders;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters the record a processor failed on and goes on, as Kafka's log-and-continue handler does, with the
 * gateway's bounded reason headers ({@link DeadLetterHeaders}) and counted: unreadable snippet records (refused
 * before decoding or undecodable) as deserialization failures, the rest as processing failures. The dead letter is
 * written in the transaction that commits the record's offset.
 */
public class CountingProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CountingProcessingHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = HandlerDeadLetters.topic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        (exception instanceof UnreadableSnippetException ? DeadLetterCounts.DESERIALIZATION
                : DeadLetterCounts.PROCESSING).increment();
        DeadLetterLog.refused(LOG, context, exception);
        return Response.resume(HandlerDeadLetters.deadLetter(deadLetterTopic, context, context.sourceRawKey(),
                context.sourceRawValue(), exception));
    }
}
