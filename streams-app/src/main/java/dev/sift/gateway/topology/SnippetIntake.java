package dev.sift.gateway.topology;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.PendingHeader;
import dev.sift.schema.PendingSnippet;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The decode step: a raw snippet record becomes a usable snippet with everything its outputs need later (key,
 * timestamp, headers, where it was read), or an exception the processing exception handler dead-letters with the
 * record as it came. Checked in order: the record's size and headers ({@link RawRecordCheck}), its decoding within
 * the decoding limits (a {@link UnreadableSnippetException} when it is not a snippet), its fields
 * ({@link SnippetValidator}, an {@link InvalidSnippetException}).
 */
final class SnippetIntake {

    private final RawRecordCheck rawCheck;
    private final Deserializer<ConversationSnippet> decoder;
    private final SnippetValidator validator;

    /**
     * @param decoder reads snippet records, within the decoding limits
     * @param limits what is accepted as a snippet
     */
    SnippetIntake(Deserializer<ConversationSnippet> decoder, InputLimits limits) {
        this.rawCheck = new RawRecordCheck(limits);
        this.decoder = decoder;
        this.validator = new SnippetValidator(limits);
    }

    /**
     * @param record the record as read
     * @param source where it was read
     * @param receivedAt when the gateway took it
     * @return the snippet, ready to wait in a micro-batch
     * @throws UnreadableSnippetException when the record is beyond the input limits or not a snippet
     * @throws InvalidSnippetException when the snippet cannot be used (no key, no text, ...)
     */
    PendingSnippet take(Record<String, byte[]> record, RecordMetadata source, Instant receivedAt) {
        rawCheck.check(record);
        ConversationSnippet snippet = validator.validate(record.key(), decode(source.topic(), record.value()));
        List<PendingHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new PendingHeader(header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value())));
        }
        return PendingSnippet.newBuilder()
                .setKey(record.key())
                .setTimestamp(record.timestamp())
                .setReceivedAt(receivedAt)
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setHeaders(headers)
                .setSnippet(snippet)
                .build();
    }

    private ConversationSnippet decode(String topic, byte[] value) {
        try {
            return decoder.deserialize(topic, value);
        } catch (SerializationException e) {
            throw new UnreadableSnippetException(e.getMessage(), e);
        }
    }
}
