package dev.sift.schema.serde;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema-registry framing ({@link WireFormat#AVRO_REGISTRY}): {@code 00}, the writer schema's 4-byte id
 * (big-endian), the binary record. The writer schema comes from a {@link SchemaRegistry} by id; it must be a record of
 * this type's name that Avro can resolve to this reader's schema, or the record is refused naming the id and why.
 * Read only: Sift writes its own records as {@link WireFormat#AVRO_SINGLE_OBJECT} or {@link WireFormat#JSON}.
 *
 * <p>Instances are thread-safe.
 *
 * @param <T> the generated record type
 */
public final class RegistryWireFormat<T extends SpecificRecord> implements AvroWireFormat<T> {

    private static final int HEADER_LENGTH = 5;

    private final AvroBodyReader<T> body;
    private final SchemaRegistry registry;
    private final Cache<Integer, StrictUtf8DatumReader<T>> readers;

    /**
     * @param type the generated record class
     * @param registry where writer schemas are found (bounded: see {@link CachedSchemaRegistry})
     * @param limits what a record read may expand to
     * @param maxReaders most writer schemas whose resolving readers are kept
     */
    public RegistryWireFormat(Class<T> type, SchemaRegistry registry, DecodingLimits limits, int maxReaders) {
        this.body = new AvroBodyReader<>(type, limits);
        this.registry = registry;
        this.readers = Caffeine.newBuilder().maximumSize(maxReaders).build();
    }

    @Override
    public byte[] encode(T record) {
        throw new UnsupportedOperationException("Sift registers no schemas: records are written as "
                + WireFormat.AVRO_SINGLE_OBJECT + " or " + WireFormat.JSON);
    }

    @Override
    public T decode(byte[] bytes) {
        body.checkSize(bytes);
        if (bytes.length < HEADER_LENGTH || bytes[0] != 0) {
            int shown = Math.min(bytes.length, 12);
            throw new SerializationException("not a schema-registry record: expected the magic byte 00 and a 4-byte"
                    + " schema id, got " + bytes.length + " bytes [" + HexFormat.ofDelimiter(" ").formatHex(bytes, 0,
                    shown) + (bytes.length > shown ? " ..." : "") + "]");
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        Schema writer = registry.writerSchema(id);
        StrictUtf8DatumReader<T> reader = readers.get(id, key -> resolvingReader(id, writer));
        return body.read(writer, reader, bytes, HEADER_LENGTH, "schema registry id " + id);
    }

    private StrictUtf8DatumReader<T> resolvingReader(int id, Schema writer) {
        Schema reader = body.readerSchema();
        if (writer.getType() != Schema.Type.RECORD || !writer.getFullName().equals(reader.getFullName())) {
            throw new SerializationException("record of another schema: schema registry id " + id + " is "
                    + (writer.getType() == Schema.Type.RECORD ? writer.getFullName() : writer.getType().getName())
                    + ", expected " + reader.getFullName());
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("schema registry id " + id + " is a " + reader.getName()
                    + " schema this reader cannot resolve: " + compatibility.getDescription());
        }
        return body.readerFor(writer);
    }
}
