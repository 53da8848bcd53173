package dev.sift.gateway.deadletter;

import dev.sift.schema.deadletter.DeadLetterHeaders;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** The dead letter a Kafka Streams exception handler writes for the record it was called for. */
public final class HandlerDeadLetters {

    private HandlerDeadLetters() {
    }

    /**
     * @param configs a handler's configuration (the application's Kafka Streams settings)
     * @return the dead-letter topic ({@code errors.dead.letter.queue.topic.name}), or null when none is set
     */
    public static String topic(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return topic == null ? null : topic.toString();
    }

    /**
     * The dead letter of the record an exception handler was called for: its key, value and headers as they came,
     * with the reason headers.
     *
     * @param deadLetterTopic the dead-letter topic
     * @param context the handler's context (source record and where it was read)
     * @param rawKey the key as read, or null
     * @param rawValue the value as read, or null
     * @param cause why it is dead-lettered
     * @return the record to write, in the transaction of the record's processing
     */
    public static List<ProducerRecord<byte[], byte[]>> deadLetter(String deadLetterTopic, ErrorHandlerContext context,
            byte[] rawKey, byte[] rawValue, Exception cause) {
        if (deadLetterTopic == null || deadLetterTopic.isBlank()) {
            return List.of();
        }
        Headers headers = new RecordHeaders();
        for (Header header : context.headers()) {
            headers.add(header);
        }
        DeadLetterHeaders.add(headers, cause, context.topic(), context.partition(), context.offset());
        return List.of(new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), rawKey, rawValue, headers));
    }
}
