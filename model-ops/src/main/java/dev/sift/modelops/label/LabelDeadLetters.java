package dev.sift.modelops.label;

import dev.sift.schema.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A request the labeler gives up on, as a record of the label dead-letter topic: the original key, value and headers
 * byte for byte (replayable onto the request topic), plus the reason in the headers every dead letter of Sift
 * carries ({@link DeadLetterHeaders}: Kafka Streams' names, UTF-8 values, bounded) and the failure kind and attempts
 * in {@code sift.labeler.*}.
 */
public final class LabelDeadLetters {

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
        DeadLetterHeaders.add(headers, failure, source.topic(), source.partition(), source.offset());
        headers.add(FAILURE, utf8(failure.kind().name()));
        headers.add(ATTEMPTS, utf8(Integer.toString(failure.attempts())));
        return new ProducerRecord<>(topic, null, source.key(), source.value(), headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
