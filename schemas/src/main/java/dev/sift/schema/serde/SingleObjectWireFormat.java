package dev.sift.schema.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte fingerprint (little-endian), then the
 * binary record. Readers resolve the writer schema through a {@link SchemaCatalog}, so records written with an
 * older or newer compatible version are read without a registry server.
 *
 * <p>Decoding failures are reported as {@link SerializationException}s whose message says what is wrong (not Avro,
 * truncated, a record of another type, an unknown schema version), because that message is what lands in the
 * dead-letter topic.
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
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /**
     * Creates the wire format of one record type.
     *
     * @param type the generated record class
     * @param catalog the schema versions this reader knows
     */
    public SingleObjectWireFormat(Class<T> type, SchemaCatalog catalog) {
        this.type = type;
        this.catalog = catalog;
        SpecificData model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, readerSchema);
        this.decoder = new BinaryMessageDecoder<>(model, readerSchema, catalog);
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
        checkHeader(bytes);
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException | MissingSchemaException e) {
            throw new SerializationException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (causedByEndOfData(e)) {
                throw new SerializationException("truncated " + type.getSimpleName() + " record ("
                        + bytes.length + " bytes): the data ends before the record does", e);
            }
            Throwable root = rootCause(e);
            throw new SerializationException("corrupt " + type.getSimpleName() + " record (" + bytes.length
                    + " bytes): " + root.getClass().getSimpleName() + ": " + root.getMessage(), e);
        }
    }

    private static boolean causedByEndOfData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Gives precise reasons before Avro's generic ones. */
    private void checkHeader(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new SerializationException("not an Avro single-object record: expected the marker C3 01 and an"
                    + " 8-byte schema fingerprint, got " + preview(bytes));
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = catalog.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new SerializationException("unknown writer schema fingerprint " + Long.toHexString(fingerprint)
                    + ": not a schema version this reader of " + type.getSimpleName() + " knows");
        }
        if (!writer.getFullName().equals(readerSchema.getFullName())) {
            throw new SerializationException("record of another schema: got " + writer.getFullName()
                    + ", expected " + readerSchema.getFullName());
        }
    }

    private static String preview(byte[] bytes) {
        int shown = Math.min(bytes.length, 12);
        String hex = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown);
        return bytes.length + " bytes [" + hex + (bytes.length > shown ? " ..." : "") + "]";
    }
}
