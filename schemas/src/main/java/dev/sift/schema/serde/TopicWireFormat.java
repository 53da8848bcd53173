package dev.sift.schema.serde;

import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The wire format of one topic as its {@link TopicFormat} says: reads every accepted format, telling them apart by
 * the first byte, and writes the configured one. With one accepted format it is that format, reasons and all.
 *
 * <p>Instances are thread-safe.
 *
 * @param <T> the generated record type
 */
public final class TopicWireFormat<T extends SpecificRecord> implements AvroWireFormat<T> {

    /** Writer schemas whose resolving readers a registry-framed topic keeps: far more than a topic's versions. */
    private static final int MAX_REGISTRY_READERS = 1_000;

    private final Class<T> type;
    private final Map<WireFormat, AvroWireFormat<T>> readers;
    private final AvroWireFormat<T> writer;

    private TopicWireFormat(Class<T> type, Map<WireFormat, AvroWireFormat<T>> readers, AvroWireFormat<T> writer) {
        this.type = type;
        this.readers = readers;
        this.writer = writer;
    }

    /**
     * @param type the generated record class
     * @param format what the topic accepts and writes
     * @param limits what a record read may expand to
     * @param registry where schema ids are resolved; needed only when {@link WireFormat#AVRO_REGISTRY} is accepted
     * @param <T> the record type
     * @return the topic's wire format
     * @throws IllegalArgumentException when the registry framing is accepted without a registry
     */
    public static <T extends SpecificRecord> TopicWireFormat<T> of(Class<T> type, TopicFormat format,
            DecodingLimits limits, Optional<SchemaRegistry> registry) {
        Map<WireFormat, AvroWireFormat<T>> codecs = new EnumMap<>(WireFormat.class);
        codecs.put(WireFormat.AVRO_SINGLE_OBJECT, new SingleObjectWireFormat<>(type, SchemaCatalog.builtIn(), limits));
        codecs.put(WireFormat.JSON, new JsonWireFormat<>(type, limits, format.unknownJsonFields()));
        if (format.accepted().contains(WireFormat.AVRO_REGISTRY)) {
            SchemaRegistry known = registry.orElseThrow(() -> new IllegalArgumentException(type.getSimpleName()
                    + " records in the schema-registry framing are accepted but no registry is configured"
                    + " (sift.formats.registry.url)"));
            codecs.put(WireFormat.AVRO_REGISTRY, new RegistryWireFormat<>(type, known, limits, MAX_REGISTRY_READERS));
        }
        Map<WireFormat, AvroWireFormat<T>> readers = new EnumMap<>(WireFormat.class);
        format.accepted().forEach(accepted -> readers.put(accepted, codecs.get(accepted)));
        return new TopicWireFormat<>(type, readers, codecs.get(format.written()));
    }

    @Override
    public byte[] encode(T record) {
        return writer.encode(record);
    }

    @Override
    public T decode(byte[] bytes) {
        if (readers.size() == 1) {
            return readers.values().iterator().next().decode(bytes);
        }
        Optional<WireFormat> announced = WireFormat.announcedBy(bytes);
        AvroWireFormat<T> reader = announced.map(readers::get).orElse(null);
        if (reader == null) {
            int shown = Math.min(bytes.length, 12);
            throw new SerializationException("not a " + type.getSimpleName() + " record in an accepted format: "
                    + "expected " + readers.keySet().stream().map(WireFormat::description).toList()
                    + (announced.isPresent() ? ", got a record that starts like " + announced.get().description()
                    : ", got " + bytes.length + " bytes [" + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown)
                    + (bytes.length > shown ? " ..." : "") + "]"));
        }
        return reader.decode(bytes);
    }
}
