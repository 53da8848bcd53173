package dev.sift.schema.serde;

import java.util.EnumSet;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde of one generated Avro record type over an {@link AvroWireFormat}. {@code null} maps to
 * {@code null} both ways (tombstones on compacted topics).
 *
 * @param <T> the generated record type
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final AvroWireFormat<T> format;

    /**
     * Wraps a wire format.
     *
     * @param format how records are framed
     */
    public AvroSerde(AvroWireFormat<T> format) {
        this.format = format;
    }

    /**
     * The registry-free serde of a record type, reading every schema version of the built-in catalog within
     * {@link DecodingLimits#DEFAULTS}.
     *
     * @param type the generated record class
     * @param <T> the record type
     * @return a serde
     */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return of(type, DecodingLimits.DEFAULTS);
    }

    /**
     * The registry-free serde of a record type, reading every schema version of the built-in catalog within the
     * given limits.
     *
     * @param type the generated record class
     * @param limits what a record read may expand to
     * @param <T> the record type
     * @return a serde
     */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, DecodingLimits limits) {
        return new AvroSerde<>(new SingleObjectWireFormat<>(type, SchemaCatalog.builtIn(), limits));
    }

    /**
     * The serde of a topic whose records may come as Avro single-object encoding or as JSON, told apart by their
     * first byte: the gateway's outputs (which it can be configured to write as JSON) and the feedback topic (which
     * platforms and LLM consumers write). Writes Avro single-object encoding; a JSON field this build does not know
     * (written by a newer writer) is skipped.
     *
     * @param type the generated record class
     * @param <T> the record type
     * @return a serde
     */
    public static <T extends SpecificRecord> AvroSerde<T> readingJsonToo(Class<T> type) {
        TopicFormat format = new TopicFormat(EnumSet.of(WireFormat.AVRO_SINGLE_OBJECT, WireFormat.JSON),
                WireFormat.AVRO_SINGLE_OBJECT, UnknownJsonFields.IGNORE);
        return new AvroSerde<>(TopicWireFormat.of(type, format, DecodingLimits.DEFAULTS, Optional.empty()));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : format.encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : format.decode(data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // Configured at construction: nothing to read from client properties.
    }

    @Override
    public void close() {
        // Stateless: nothing to release.
    }
}
