package dev.sift.schema.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte fingerprint (little-endian), then the
 * binary record. Readers resolve the writer schema through a {@link SchemaCatalog}, so records written with an
 * older or newer compatible version are read without a registry server.
 *
 * <p>Decoding failures are reported as {@link SerializationException}s whose message says what is wrong (not Avro,
 * truncated, trailing bytes, invalid UTF-8, a record of another type, an unknown schema version), because that message
 * is what lands in the dead-letter topic. Decoding is strict where Avro is lenient: a string that is not valid UTF-8
 * is refused rather than silently repaired with replacement characters, and bytes left after the record are refused
 * rather than ignored.
 *
 * <p>Before a record is decoded, its size and shape are checked against the reader's {@link DecodingLimits}: how
 * large the record is, how long each string is, how many items each collection and the whole record hold. A record
 * that would expand beyond them is refused with a reason naming the field and the limit, having cost a walk over its
 * bytes and nothing else.
 *
 * <p>Instances are thread-safe.
 *
 * @param <T> the generated record type
 */
public final class SingleObjectWireFormat<T extends SpecificRecord> implements AvroWireFormat<T> {

    private static final int HEADER_LENGTH = 10;

    static {
        dev.sift.schema.AvroTrust.ensure();
    }

    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaCatalog catalog;
    private final AvroBodyReader<T> body;
    private final BinaryMessageEncoder<T> encoder;
    private final Map<Long, StrictUtf8DatumReader<T>> readers = new ConcurrentHashMap<>();

    /**
     * Creates the wire format of one record type, reading within {@link DecodingLimits#DEFAULTS}.
     *
     * @param type the generated record class
     * @param catalog the schema versions this reader knows
     */
    public SingleObjectWireFormat(Class<T> type, SchemaCatalog catalog) {
        this(type, catalog, DecodingLimits.DEFAULTS);
    }

    /**
     * Creates the wire format of one record type.
     *
     * @param type the generated record class
     * @param catalog the schema versions this reader knows
     * @param limits what a record read may expand to
     */
    public SingleObjectWireFormat(Class<T> type, SchemaCatalog catalog, DecodingLimits limits) {
        this.type = type;
        this.catalog = catalog;
        this.body = new AvroBodyReader<>(type, limits);
        this.readerSchema = body.readerSchema();
        this.encoder = new BinaryMessageEncoder<>(body.model(), readerSchema);
    }

    @Override
    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | NullPointerException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        body.checkSize(bytes);
        Schema writer = checkHeader(bytes);
        long fingerprint = fingerprint(bytes);
        StrictUtf8DatumReader<T> reader = readers.computeIfAbsent(fingerprint, f -> body.readerFor(writer));
        return body.read(writer, reader, bytes, HEADER_LENGTH, "fingerprint " + Long.toHexString(fingerprint));
    }

    private static long fingerprint(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Gives precise reasons before Avro's generic ones; returns the writer schema. */
    private Schema checkHeader(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new SerializationException("not an Avro single-object record: expected the marker C3 01 and an"
                    + " 8-byte schema fingerprint, got " + preview(bytes));
        }
        long fingerprint = fingerprint(bytes);
        Schema writer = catalog.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new SerializationException("unknown writer schema fingerprint " + Long.toHexString(fingerprint)
                    + ": not a schema version this reader of " + type.getSimpleName() + " knows");
        }
        if (!writer.getFullName().equals(readerSchema.getFullName())) {
            throw new SerializationException("record of another schema: got " + writer.getFullName()
                    + ", expected " + readerSchema.getFullName());
        }
        return writer;
    }

    private static String preview(byte[] bytes) {
        int shown = Math.min(bytes.length, 12);
        String hex = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown);
        return bytes.length + " bytes [" + hex + (bytes.length > shown ? " ..." : "") + "]";
    }
}
