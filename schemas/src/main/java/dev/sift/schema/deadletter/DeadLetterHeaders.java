package dev.sift.schema.deadletter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The reason headers of a dead-letter record, named and written as Kafka Streams writes them
 * ({@code errors.dead.letter.queue.topic.name}: every value a UTF-8 string), so that every dead letter of Sift reads
 * alike whichever part wrote it: the gateway's topology and exception handlers, the labeler. Unlike Kafka's, they are bounded ({@value #MAX_MESSAGE_CHARS} characters of
 * message, {@value #MAX_STACKTRACE_CHARS} of stack trace): a dead letter carries its record's value, key and
 * headers as they came, up to the snippets topic's largest record, and must still fit the dead-letter topic
 * ({@link #MAX_BYTES} more than that at most).
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

    /** Longest message kept, in characters. */
    public static final int MAX_MESSAGE_CHARS = 4_096;
    /** Longest stack trace kept, in characters. */
    public static final int MAX_STACKTRACE_CHARS = 8_192;
    /**
     * Most bytes the reason headers add to a record: the message and stack trace at most 3 bytes a character, the
     * class and topic names at most {@value #MAX_NAME_CHARS} characters, partition and offset, and the headers'
     * framing.
     */
    public static final int MAX_BYTES = 3 * (MAX_MESSAGE_CHARS + MAX_STACKTRACE_CHARS) + 6 * 3 * 255 + 6 * 64;

    private static final int MAX_NAME_CHARS = 255;

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
        headers.add(EXCEPTION, utf8(bounded(cause.getClass().getName(), MAX_NAME_CHARS)));
        headers.add(STACKTRACE, utf8(bounded(trace.toString(), MAX_STACKTRACE_CHARS)));
        headers.add(MESSAGE, utf8(bounded(String.valueOf(cause.getMessage()), MAX_MESSAGE_CHARS)));
        headers.add(TOPIC, utf8(bounded(String.valueOf(topic), MAX_NAME_CHARS)));
        headers.add(PARTITION, utf8(Integer.toString(partition)));
        headers.add(OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    private static String bounded(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String cut = "... (" + (text.length() - max) + " more characters)";
        return text.substring(0, max - cut.length()) + cut;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
