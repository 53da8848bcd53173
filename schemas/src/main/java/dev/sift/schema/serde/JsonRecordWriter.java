package dev.sift.schema.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes a generic record (as Avro's generic reader builds it, without logical-type conversions) as one JSON object
 * of the types {@link JsonRecordReader} reads and the published JSON Schema describes: a nullable value as
 * {@code null} or the value itself, enums as their symbol, maps as objects, bytes as base64, timestamps as integer
 * epoch milliseconds.
 */
final class JsonRecordWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonRecordWriter() {
    }

    static byte[] write(IndexedRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            value(json, record.getSchema(), record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void value(JsonGenerator json, Schema schema, Object value) throws IOException {
        switch (schema.getType()) {
            case NULL -> json.writeNull();
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case INT -> json.writeNumber((Integer) value);
            case LONG -> json.writeNumber((Long) value);
            case FLOAT -> json.writeNumber((Float) value);
            case DOUBLE -> json.writeNumber((Double) value);
            case STRING, ENUM -> json.writeString(value.toString());
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                json.writeString(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED -> json.writeString(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case ARRAY -> {
                json.writeStartArray();
                for (Object item : (List<?>) value) {
                    value(json, schema.getElementType(), item);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(entry.getKey().toString());
                    value(json, schema.getValueType(), entry.getValue());
                }
                json.writeEndObject();
            }
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                json.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    json.writeFieldName(field.name());
                    value(json, field.schema(), record.get(field.pos()));
                }
                json.writeEndObject();
            }
            case UNION -> value(json, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)), value);
        }
    }
}
