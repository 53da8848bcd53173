package dev.sift.gateway.topology;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The reason headers of a dead-letter record, named as Kafka Streams names them
 * ({@code errors.dead.letter.queue.topic.name}), so that records the gateway dead-letters itself read like the ones
 * Kafka's exception handlers write.
 */
public final class DeadLetterHeaders {

    /** Exception class name. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** Exception stack trace. */
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    /** Exception message. */
    public static final String MESSAGE = "__streams.errors.message";
    /** Topic the record was read from. */
    public static final String TOPIC = "__streams.errors.topic";
    /** Partition it was read from. */
    public static final String PARTITION = "__streams.errors.partition";
    /** Its offset there. */
    public static final String OFFSET = "__streams.errors.offset";

    private DeadLetterHeaders() {
    }

    /**
     * Adds the reason headers.
     *
     * @param headers the record's headers, changed in place
     * @param cause why the record is dead-lettered
     * @param topic source topic
     * @param partition source partition
     * @param offset source offset
     * @return the headers
     */
    public static Headers add(Headers headers, Exception cause, String topic, int partition, long offset) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        headers.add(EXCEPTION, utf8(cause.getClass().getName()));
        headers.add(STACKTRACE, utf8(trace.toString()));
        headers.add(MESSAGE, utf8(String.valueOf(cause.getMessage())));
        headers.add(TOPIC, utf8(topic));
        headers.add(PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        headers.add(OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
