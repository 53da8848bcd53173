package dev.sift.schema.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Walks an Avro binary record against its writer's schema without building anything, and refuses it, naming the
 * field and the limit, when a string, a collection or the record's collections together exceed the
 * {@link DecodingLimits}. Only then does the record reader run: it allocates what the counts and lengths on the wire
 * tell it to, so those must be bounded first. Each collection's item count is checked before its items are read,
 * so a count of billions costs nothing; the walk itself allocates nothing per item.
 *
 * <p>Avro has JVM-wide limits of its own (the {@code org.apache.avro.limits.*} system properties), but they are
 * one setting for every reader in the process, count the items of one collection only, and are far beyond what a
 * small heap can hold by default; hence this walk.
 */
final class ShapeScanner {

    /** Deeper than any of Sift's schemas nest; a recursive schema could otherwise exhaust the stack. */
    static final int MAX_DEPTH = 32;

    private ShapeScanner() {
    }

    /**
     * @param writer the writer's schema
     * @param bytes the record's bytes
     * @param offset where the Avro binary record starts
     * @param limits what the record may expand to
     * @param type the record type's name, for reasons
     * @throws SerializationException naming the field and the limit when a limit is exceeded, or when bytes are
     *     left after the record
     * @throws IOException when the data ends before the record does ({@link EOFException}) or is malformed
     */
    static void scan(Schema writer, byte[] bytes, int offset, DecodingLimits limits, String type)
            throws IOException {
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null);
        Walk walk = new Walk(in, limits, type);
        walk.value(writer, 0);
        if (!in.isEnd()) {
            throw new SerializationException("corrupt " + type + " record (" + bytes.length
                    + " bytes): bytes left after the record ends");
        }
    }

    /** One walk: the decoder, the items counted so far, and the field path for reasons. */
    private static final class Walk {

        private final BinaryDecoder in;
        private final DecodingLimits limits;
        private final String type;
        private final String[] path = new String[MAX_DEPTH + 1];
        private long totalItems;

        Walk(BinaryDecoder in, DecodingLimits limits, String type) {
            this.in = in;
            this.limits = limits;
            this.type = type;
        }

        void value(Schema schema, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new SerializationException(type + " record nests deeper than " + MAX_DEPTH + " levels in "
                        + path(depth));
            }
            switch (schema.getType()) {
                case RECORD -> {
                    for (Schema.Field field : schema.getFields()) {
                        path[depth] = field.name();
                        value(field.schema(), depth + 1);
                    }
                }
                case ARRAY -> {
                    long items = 0;
                    for (long block = blockCount(); block != 0; block = blockCount()) {
                        items = count(items, block, depth);
                        for (long i = 0; i < block; i++) {
                            value(schema.getElementType(), depth);
                        }
                    }
                }
                case MAP -> {
                    long items = 0;
                    for (long block = blockCount(); block != 0; block = blockCount()) {
                        items = count(items, block, depth);
                        for (long i = 0; i < block; i++) {
                            string(depth);
                            value(schema.getValueType(), depth);
                        }
                    }
                }
                case UNION -> {
                    List<Schema> branches = schema.getTypes();
                    int branch = in.readIndex();
                    if (branch < 0 || branch >= branches.size()) {
                        throw corrupt("union branch " + branch + " of " + branches.size() + " in " + path(depth));
                    }
                    value(branches.get(branch), depth);
                }
                case ENUM -> {
                    int symbol = in.readEnum();
                    if (symbol < 0 || symbol >= schema.getEnumSymbols().size()) {
                        throw corrupt("enum symbol " + symbol + " of " + schema.getEnumSymbols().size() + " in "
                                + path(depth));
                    }
                }
                case STRING, BYTES -> string(depth);
                case FIXED -> in.skipFixed(schema.getFixedSize());
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case FLOAT -> in.readFloat();
                case DOUBLE -> in.readDouble();
                case BOOLEAN -> in.readBoolean();
                case NULL -> in.readNull();
                default -> throw corrupt("unexpected schema type " + schema.getType());
            }
        }

        /**
         * The item count of a collection's next block, 0 after the last. Read here rather than with Avro's
         * {@code readArrayStart}, which would refuse a count beyond its own JVM-wide limit with a reason of its own
         * before this walk could name the field.
         */
        private long blockCount() throws IOException {
            long count = in.readLong();
            if (count < 0) {
                in.readLong(); // the block's size in bytes, which a writer may add so that readers can skip it
                count = -count; // Long.MIN_VALUE stays negative, and is refused as corrupt
            }
            return count;
        }

        /** Counts a block of items before any of them is read. */
        private long count(long items, long block, int depth) {
            if (block < 0) {
                throw corrupt("negative item count in " + path(depth));
            }
            long inCollection = items + block;
            if (inCollection > limits.maxCollectionItems()) {
                throw new SerializationException(type + " record has more than " + limits.maxCollectionItems()
                        + " items in " + path(depth) + ": refused before decoding ("
                        + limits.setting("max-collection-items") + ")");
            }
            totalItems += block;
            if (totalItems > limits.maxTotalItems()) {
                throw new SerializationException(type + " record has more than " + limits.maxTotalItems()
                        + " collection items in all, reached in " + path(depth) + ": refused before decoding ("
                        + limits.setting("max-total-items") + ")");
            }
            return inCollection;
        }

        private void string(int depth) throws IOException {
            long length = in.readLong();
            if (length < 0) {
                throw corrupt("negative string length in " + path(depth));
            }
            if (length > limits.maxStringBytes()) {
                throw new SerializationException(type + " record has a string of " + length + " bytes in "
                        + path(depth) + ": refused before decoding (" + limits.setting("max-string-bytes") + " is "
                        + limits.maxStringBytes() + ")");
            }
            in.skipFixed((int) length);
        }

        private SerializationException corrupt(String what) {
            return new SerializationException("corrupt " + type + " record: " + what);
        }

        private String path(int depth) {
            return depth == 0 ? "the record" : String.join(".", Arrays.asList(path).subList(0, depth));
        }
    }
}
