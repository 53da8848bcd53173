package dev.sift.gateway.deadletter;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;

/**
 * One log line per dead letter: where the record came from and why it was refused, at most a few hundred
 * characters (the reason quotes values from the record); the whole stack trace only at debug level.
 */
final class DeadLetterLog {

    private static final int MAX_REASON_CHARS = 512;

    private DeadLetterLog() {
    }

    static void refused(Logger log, ErrorHandlerContext context, Exception exception) {
        String reason = String.valueOf(exception.getMessage());
        if (reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS) + "...";
        }
        log.warn("dead-lettered {}-{}@{}: {}: {}", context.topic(), context.partition(), context.offset(),
                exception.getClass().getSimpleName(), reason);
        log.debug("dead-lettered record's exception", exception);
    }
}
