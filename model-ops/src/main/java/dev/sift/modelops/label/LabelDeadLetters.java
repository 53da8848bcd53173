package dev.sift.modelops.label;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A request the labeler gives up on, as a record of the label dead-letter topic: the original key, value and headers
 * byte for byte (replayable onto the request topic), plus the reason in the headers the gateway's dead letters use
 * ({@code __streams.errors.*}, Kafka Streams' names) and the failure kind and attempts in {@code sift.labeler.*}.
 */
public final class LabelDeadLetters {

    /** Exception class name. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** Exception stack trace. */
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    /** Exception message: the reason. */
    public static final String MESSAGE = "__streams.errors.message";
    /** Topic the request was read from. */
    public static final String TOPIC = "__streams.errors.topic";
    /** Partition it was read from (4-byte big-endian int). */
    public static final String PARTITION = "__streams.errors.partition";
    /** Its offset there (8-byte big-endian long). */
    public static final String OFFSET = "__streams.errors.offset";
    /** The {@link FailureKind}, e.g. {@code INVALID_ANSWER}. */
    public static final String FAILURE = "sift.labeler.failure";
    /** Calls made to the teacher, as text. */
    public static final String ATTEMPTS = "sift.labeler.attempts";

    private LabelDeadLetters() {
    }

    /**
     * @param topic the label dead-letter topic
     * @param source the request record as read
     * @param failure why it is given up
     * @return the dead letter
     */
    public static ProducerRecord<byte[], byte[]> of(String topic, ConsumerRecord<byte[], byte[]> source,
            LabelingException failure) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : source.headers()) {
            headers.add(header);
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        headers.add(EXCEPTION, utf8(failure.getClass().getName()));
        headers.add(STACKTRACE, utf8(trace.toString()));
        headers.add(MESSAGE, utf8(String.valueOf(failure.getMessage())));
        headers.add(TOPIC, utf8(source.topic()));
        headers.add(PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(source.partition()).array());
        headers.add(OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(source.offset()).array());
        headers.add(FAILURE, utf8(failure.kind().name()));
        headers.add(ATTEMPTS, utf8(Integer.toString(failure.attempts())));
        return new ProducerRecord<>(topic, null, source.key(), source.value(), headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
