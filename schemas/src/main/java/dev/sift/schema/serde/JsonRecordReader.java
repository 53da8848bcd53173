package dev.sift.schema.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads one JSON object into a generic record of a schema, strictly: each value must have its field's JSON type
 * (no number in a string, no string for a number, no fraction for an integer, integers within their Avro type's
 * range), enum symbols must be the schema's, required fields must be there, duplicate fields are refused, and
 * unknown fields are refused or skipped as configured. Parsing is bounded before anything is built: the document's
 * size, nesting depth, number and name lengths by Jackson's {@link StreamReadConstraints}, and every string's length,
 * every collection's item count and all items together by the reader's {@link DecodingLimits}, as for Avro records.
 * Each refusal names the field path.
 */
final class JsonRecordReader {

    /** Deeper than any of Sift's schemas nest, as for Avro records. */
    static final int MAX_DEPTH = ShapeScanner.MAX_DEPTH;

    /** Longer than any long or double written in decimal needs. */
    static final int MAX_NUMBER_CHARS = 40;

    private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private final Schema schema;
    private final DecodingLimits limits;
    private final UnknownJsonFields unknownFields;
    private final String type;
    private final JsonFactory factory;

    JsonRecordReader(Schema schema, DecodingLimits limits, UnknownJsonFields unknownFields, String type) {
        this.schema = schema;
        this.limits = limits;
        this.unknownFields = unknownFields;
        this.type = type;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxRecordBytes())
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .maxStringLength(limits.maxStringBytes())
                        .maxNameLength(limits.maxStringBytes())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * @param bytes one JSON object, UTF-8
     * @return the record
     * @throws SerializationException naming what is wrong and where
     */
    GenericData.Record read(byte[] bytes) {
        try (JsonParser parser = factory.createParser(bytes)) {
            Walk walk = new Walk(parser);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializationException("not a JSON " + type + " record: expected one JSON object");
            }
            GenericData.Record record = walk.record(schema);
            if (parser.nextToken() != null) {
                throw new SerializationException("not a JSON " + type + " record: more after the object ends");
            }
            return record;
        } catch (StreamConstraintsException e) {
            throw new SerializationException("JSON " + type + " record refused before decoding: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SerializationException("not valid JSON (" + type + " record of " + bytes.length + " bytes): "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Quotes untrusted text for a reason, cut to a readable length. */
    private static String quoted(String text) {
        return '"' + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + '"';
    }

    /** One read: the parser, the items counted so far, and the field path for reasons. */
    private final class Walk {

        private final JsonParser in;
        private final List<String> path = new ArrayList<>();
        private long totalItems;

        Walk(JsonParser in) {
            this.in = in;
        }

        private String where() {
            return path.isEmpty() ? "the record" : String.join(".", path);
        }

        private SerializationException wrong(String expected) throws IOException {
            String got = switch (in.currentToken()) {
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT -> "an integer";
                case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> String.valueOf(in.currentToken());
            };
            return new SerializationException("JSON " + type + " record has " + got + " in " + where()
                    + ", expected " + expected);
        }

        /** The current token is the record's START_OBJECT. */
        GenericData.Record record(Schema recordSchema) throws IOException {
            GenericData.Record record = new GenericData.Record(recordSchema);
            boolean[] seen = new boolean[recordSchema.getFields().size()];
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                Schema.Field field = recordSchema.getField(name);
                in.nextToken();
                if (field == null) {
                    if (unknownFields == UnknownJsonFields.REFUSE) {
                        path.add(quoted(name));
                        throw new SerializationException("JSON " + type + " record has an unknown field "
                                + where() + " (unknown fields are refused; " + recordSchema.getName() + " has "
                                + recordSchema.getFields().stream().map(Schema.Field::name).toList() + ")");
                    }
                    in.skipChildren();
                    continue;
                }
                path.add(name);
                record.put(field.pos(), value(field.schema()));
                path.remove(path.size() - 1);
                seen[field.pos()] = true;
            }
            for (Schema.Field field : recordSchema.getFields()) {
                if (!seen[field.pos()]) {
                    if (!field.hasDefaultValue()) {
                        path.add(field.name());
                        throw new SerializationException("JSON " + type + " record has no " + where()
                                + ", which is required");
                    }
                    record.put(field.pos(), GenericData.get().getDefaultValue(field));
                }
            }
            return record;
        }

        private Object value(Schema valueSchema) throws IOException {
            JsonToken token = in.currentToken();
            return switch (valueSchema.getType()) {
                case NULL -> {
                    if (token != JsonToken.VALUE_NULL) {
                        throw wrong("null");
                    }
                    yield null;
                }
                case BOOLEAN -> {
                    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                        throw wrong("true or false");
                    }
                    yield token == JsonToken.VALUE_TRUE;
                }
                case INT -> (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE, "an integer (32-bit)");
                case LONG -> integer(Long.MIN_VALUE, Long.MAX_VALUE, valueSchema.getLogicalType() == null
                        ? "an integer (64-bit)" : "an integer (64-bit, " + valueSchema.getLogicalType().getName()
                        + ")");
                case FLOAT -> (float) number();
                case DOUBLE -> number();
                case STRING -> string();
                case BYTES -> ByteBuffer.wrap(base64(-1));
                case FIXED -> new GenericData.Fixed(valueSchema, base64(valueSchema.getFixedSize()));
                case ENUM -> {
                    if (token != JsonToken.VALUE_STRING) {
                        throw wrong("one of " + valueSchema.getEnumSymbols());
                    }
                    String symbol = in.getText();
                    if (!valueSchema.hasEnumSymbol(symbol)) {
                        throw new SerializationException("JSON " + type + " record has " + quoted(symbol)
                                + " in " + where() + ", expected one of " + valueSchema.getEnumSymbols());
                    }
                    yield new GenericData.EnumSymbol(valueSchema, symbol);
                }
                case ARRAY -> {
                    if (token != JsonToken.START_ARRAY) {
                        throw wrong("an array");
                    }
                    List<Object> items = new ArrayList<>();
                    while (in.nextToken() != JsonToken.END_ARRAY) {
                        count(items.size() + 1);
                        path.add("[" + items.size() + "]");
                        items.add(value(valueSchema.getElementType()));
                        path.remove(path.size() - 1);
                    }
                    yield new GenericData.Array<>(valueSchema, items);
                }
                case MAP -> {
                    if (token != JsonToken.START_OBJECT) {
                        throw wrong("an object");
                    }
                    Map<String, Object> entries = new HashMap<>();
                    while (in.nextToken() == JsonToken.FIELD_NAME) {
                        String key = in.currentName();
                        checkLength(key);
                        count(entries.size() + 1);
                        in.nextToken();
                        path.add("[" + quoted(key) + "]");
                        entries.put(key, value(valueSchema.getValueType()));
                        path.remove(path.size() - 1);
                    }
                    yield entries;
                }
                case RECORD -> {
                    if (token != JsonToken.START_OBJECT) {
                        throw wrong("an object");
                    }
                    yield record(valueSchema);
                }
                case UNION -> value(branch(valueSchema));
            };
        }

        /** The first branch of a union whose JSON type the current token has. */
        private Schema branch(Schema union) throws IOException {
            JsonToken token = in.currentToken();
            for (Schema candidate : union.getTypes()) {
                boolean fits = switch (candidate.getType()) {
                    case NULL -> token == JsonToken.VALUE_NULL;
                    case BOOLEAN -> token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
                    case INT, LONG -> token == JsonToken.VALUE_NUMBER_INT;
                    case FLOAT, DOUBLE -> token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
                    case STRING, BYTES, FIXED, ENUM -> token == JsonToken.VALUE_STRING;
                    case ARRAY -> token == JsonToken.START_ARRAY;
                    case MAP, RECORD -> token == JsonToken.START_OBJECT;
                    case UNION -> false;
                };
                if (fits) {
                    return candidate;
                }
            }
            throw wrong(union.getTypes().stream().map(s -> s.getType().getName()).toList().toString());
        }

        private long integer(long min, long max, String expected) throws IOException {
            if (in.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw wrong(expected);
            }
            BigInteger value = in.getBigIntegerValue();
            if (value.compareTo(MIN_LONG) < 0 || value.compareTo(MAX_LONG) > 0
                    || value.longValue() < min || value.longValue() > max) {
                throw new SerializationException("JSON " + type + " record has " + value + " in " + where()
                        + ", out of the range of " + expected);
            }
            return value.longValue();
        }

        private double number() throws IOException {
            JsonToken token = in.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw wrong("a number");
            }
            double value = in.getDoubleValue();
            if (Double.isInfinite(value)) {
                throw new SerializationException("JSON " + type + " record has a number out of range in " + where());
            }
            return value;
        }

        private String string() throws IOException {
            if (in.currentToken() != JsonToken.VALUE_STRING) {
                throw wrong("a string");
            }
            String text = in.getText();
            checkLength(text);
            checkSurrogates(text);
            return text;
        }

        private byte[] base64(int size) throws IOException {
            String text = string();
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new SerializationException("JSON " + type + " record has a string that is not base64 in "
                        + where());
            }
            if (size >= 0 && bytes.length != size) {
                throw new SerializationException("JSON " + type + " record has " + bytes.length + " bytes in "
                        + where() + ", expected " + size);
            }
            return bytes;
        }

        private void checkLength(String text) {
            // UTF-8 takes at most 3 bytes per UTF-16 char: only long strings are measured exactly.
            if ((long) text.length() * 3 > limits.maxStringBytes()) {
                int bytes = text.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > limits.maxStringBytes()) {
                    throw new SerializationException(type + " record has a string of " + bytes + " bytes in "
                            + where() + ": refused before decoding (" + limits.setting("max-string-bytes") + " is "
                            + limits.maxStringBytes() + ")");
                }
            }
        }

        /** A JSON escape can name half a UTF-16 pair, which has no UTF-8 form: refused rather than replaced. */
        private void checkSurrogates(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new SerializationException(type + " record has a string that is not valid UTF-8 in "
                            + where() + ": an unpaired surrogate \\u" + Integer.toHexString(c));
                }
            }
        }

        private void count(int itemsInCollection) {
            if (itemsInCollection > limits.maxCollectionItems()) {
                throw new SerializationException(type + " record has more than " + limits.maxCollectionItems()
                        + " items in " + where() + ": refused before decoding ("
                        + limits.setting("max-collection-items") + ")");
            }
            if (++totalItems > limits.maxTotalItems()) {
                throw new SerializationException(type + " record has more than " + limits.maxTotalItems()
                        + " collection items in all, reached in " + where() + ": refused before decoding ("
                        + limits.setting("max-total-items") + ")");
            }
        }
    }
}
