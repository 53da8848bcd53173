package dev.sift.gateway.deadletter;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Kafka's default handling of a send the broker refused, without the dead letter Kafka would add for it. With
 * exactly-once processing a refused send aborts the transaction whatever the handler answers, so a dead letter of
 * it would be aborted too; and Kafka sends it from the producer's own network thread, which then waits for the
 * dead-letter topic's metadata it alone could fetch, blocked for {@code max.block.ms} (60 s) before the stream
 * thread is even told of the failure. The gateway keeps its outputs within their topics' limit
 * ({@code sift.output.max-record-bytes}) so that this happens only when a topic is set up with less.
 */
public class FailedSendHandler extends DefaultProductionExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        return switch (super.handleError(context, record, exception).result()) {
            case RESUME -> Response.resume();
            case RETRY -> Response.retry();
            case FAIL -> Response.fail();
        };
    }
}
