package dev.sift.schema.serde;

import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads the Avro binary body of one record whose writer schema its framing named (a fingerprint, a registry id):
 * bounded by the {@link DecodingLimits} first, then decoded with strict UTF-8, with the reasons every framing gives
 * (truncated, corrupt, bytes left, invalid UTF-8). Each reason names the writer schema, so that a record written with
 * another schema than its framing claims says so.
 *
 * @param <T> the generated record type
 */
final class AvroBodyReader<T extends SpecificRecord> {

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final DecodingLimits limits;

    AvroBodyReader(Class<T> type, DecodingLimits limits) {
        dev.sift.schema.AvroTrust.ensure();
        this.type = type;
        this.limits = limits;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    Schema readerSchema() {
        return readerSchema;
    }

    SpecificData model() {
        return model;
    }

    DecodingLimits limits() {
        return limits;
    }

    String typeName() {
        return type.getSimpleName();
    }

    /**
     * @param writer the writer's schema
     * @return a reader resolving it to this type's schema; callers cache it per writer
     */
    StrictUtf8DatumReader<T> readerFor(Schema writer) {
        return new StrictUtf8DatumReader<>(writer, readerSchema, model);
    }

    /** Refuses a record larger than the limits before anything else is looked at. */
    void checkSize(byte[] bytes) {
        if (bytes.length > limits.maxRecordBytes()) {
            throw new SerializationException(typeName() + " record of " + bytes.length
                    + " bytes is larger than " + limits.setting("max-record-bytes") + " (" + limits.maxRecordBytes()
                    + "): refused before decoding");
        }
    }

    /**
     * @param writer the writer's schema, as the framing named it
     * @param reader {@link #readerFor} of that schema
     * @param bytes the whole record as read
     * @param offset where the Avro body starts
     * @param writerName how the framing named the writer schema, for reasons (e.g. {@code fingerprint 1a2b...})
     * @return the record
     */
    T read(Schema writer, StrictUtf8DatumReader<T> reader, byte[] bytes, int offset, String writerName) {
        try {
            // Bounded first, decoded second: the reader allocates what the record's counts and lengths announce.
            ShapeScanner.scan(writer, bytes, offset, limits, typeName());
            BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null);
            return reader.read(null, in);
        } catch (StrictUtf8DatumReader.InvalidUtf8Exception e) {
            throw new SerializationException(typeName() + " record has a string that is not valid UTF-8: "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException serialization) {
                // A limit's reason stands as it is; a malformed body may be one written with another schema.
                throw serialization.getMessage().startsWith("corrupt ")
                        ? new SerializationException(serialization.getMessage() + notAsWritten(writerName),
                                serialization)
                        : serialization;
            }
            if (causedByEndOfData(e)) {
                throw new SerializationException("truncated " + typeName() + " record (" + bytes.length
                        + " bytes): the data ends before the record does" + notAsWritten(writerName), e);
            }
            Throwable root = rootCause(e);
            throw new SerializationException("corrupt " + typeName() + " record (" + bytes.length
                    + " bytes): " + root.getClass().getSimpleName() + ": " + root.getMessage()
                    + notAsWritten(writerName), e);
        }
    }

    private static String notAsWritten(String writerName) {
        return writerName.isEmpty() ? "" : " (not a record of the writer schema its framing names: " + writerName + ")";
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
}
