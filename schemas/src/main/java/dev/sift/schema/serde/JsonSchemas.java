package dev.sift.schema.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.SnippetFeedback;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The JSON Schemas (draft 2020-12) of the records a JSON producer writes and a JSON consumer reads, generated from
 * the Avro schemas so the two cannot drift: what {@link JsonWireFormat} reads is what they say. Published in the jar
 * and the repository as {@code dev/sift/schema/json/<Record>.schema.json} ({@code schemas/src/main/resources}); a
 * test fails when a committed file is not what this class generates ({@code main} rewrites them).
 */
public final class JsonSchemas {

    /** The records exchanged with platforms and LLM consumers, whose JSON Schemas are published. */
    public static final List<Schema> PUBLISHED = List.of(ConversationSnippet.getClassSchema(),
            LlmRequest.getClassSchema(), FilterDecision.getClassSchema(), SnippetFeedback.getClassSchema());

    /** Where the published files are, in the jar and under {@code src/main/resources}. */
    public static final String RESOURCE_DIRECTORY = "dev/sift/schema/json/";

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonSchemas() {
    }

    /**
     * @param schema an Avro record schema
     * @return the file name of its JSON Schema
     */
    public static String fileName(Schema schema) {
        return schema.getName() + ".schema.json";
    }

    /**
     * @param schema an Avro record schema
     * @return its JSON Schema, pretty-printed, ending with a newline
     */
    public static String of(Schema schema) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            Map<String, Schema> definitions = new LinkedHashMap<>();
            collect(schema, definitions);
            json.writeStartObject();
            json.writeStringField("$schema", "https://json-schema.org/draft/2020-12/schema");
            json.writeStringField("$id", "https://sift.dev/schema/json/" + fileName(schema));
            json.writeStringField("title", schema.getFullName());
            json.writeStringField("$ref", ref(schema));
            json.writeObjectFieldStart("$defs");
            for (Schema named : definitions.values()) {
                json.writeFieldName(named.getFullName());
                definition(json, named);
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    /**
     * Rewrites the published files.
     *
     * @param args the resources directory (default {@code schemas/src/main/resources})
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "schemas/src/main/resources").resolve(RESOURCE_DIRECTORY);
        Files.createDirectories(directory);
        for (Schema schema : PUBLISHED) {
            Files.writeString(directory.resolve(fileName(schema)), of(schema), StandardCharsets.UTF_8);
        }
    }

    private static String ref(Schema named) {
        return "#/$defs/" + named.getFullName();
    }

    private static void collect(Schema schema, Map<String, Schema> definitions) {
        switch (schema.getType()) {
            case RECORD -> {
                if (definitions.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(field -> collect(field.schema(), definitions));
                }
            }
            case ENUM, FIXED -> definitions.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collect(schema.getElementType(), definitions);
            case MAP -> collect(schema.getValueType(), definitions);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, definitions));
            default -> {
            }
        }
    }

    private static void definition(JsonGenerator json, Schema named) throws IOException {
        json.writeStartObject();
        if (named.getDoc() != null) {
            json.writeStringField("description", named.getDoc());
        }
        switch (named.getType()) {
            case RECORD -> {
                json.writeStringField("type", "object");
                json.writeObjectFieldStart("properties");
                for (Schema.Field field : named.getFields()) {
                    json.writeFieldName(field.name());
                    json.writeStartObject();
                    if (field.doc() != null) {
                        json.writeStringField("description", field.doc());
                    }
                    type(json, field.schema());
                    json.writeEndObject();
                }
                json.writeEndObject();
                json.writeArrayFieldStart("required");
                for (Schema.Field field : named.getFields()) {
                    if (!field.hasDefaultValue()) {
                        json.writeString(field.name());
                    }
                }
                json.writeEndArray();
                // Unknown fields are refused by default (sift.formats.*.json-unknown-fields).
                json.writeBooleanField("additionalProperties", false);
            }
            case ENUM -> {
                json.writeStringField("type", "string");
                json.writeArrayFieldStart("enum");
                for (String symbol : named.getEnumSymbols()) {
                    json.writeString(symbol);
                }
                json.writeEndArray();
            }
            default -> {
                json.writeStringField("type", "string");
                json.writeStringField("contentEncoding", "base64");
                json.writeStringField("description", named.getFixedSize() + " bytes, base64");
            }
        }
        json.writeEndObject();
    }

    /** Writes the keywords of a value's type into the object being written. */
    private static void type(JsonGenerator json, Schema schema) throws IOException {
        switch (schema.getType()) {
            case NULL -> json.writeStringField("type", "null");
            case BOOLEAN -> json.writeStringField("type", "boolean");
            case INT -> integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE, schema);
            case LONG -> integer(json, Long.MIN_VALUE, Long.MAX_VALUE, schema);
            case FLOAT, DOUBLE -> json.writeStringField("type", "number");
            case STRING -> json.writeStringField("type", "string");
            case BYTES -> {
                json.writeStringField("type", "string");
                json.writeStringField("contentEncoding", "base64");
            }
            case RECORD, ENUM, FIXED -> json.writeStringField("$ref", ref(schema));
            case ARRAY -> {
                json.writeStringField("type", "array");
                json.writeObjectFieldStart("items");
                type(json, schema.getElementType());
                json.writeEndObject();
            }
            case MAP -> {
                json.writeStringField("type", "object");
                json.writeObjectFieldStart("additionalProperties");
                type(json, schema.getValueType());
                json.writeEndObject();
            }
            case UNION -> {
                json.writeArrayFieldStart("oneOf");
                for (Schema branch : schema.getTypes()) {
                    json.writeStartObject();
                    type(json, branch);
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
        }
    }

    private static void integer(JsonGenerator json, long min, long max, Schema schema) throws IOException {
        json.writeStringField("type", "integer");
        json.writeNumberField("minimum", min);
        json.writeNumberField("maximum", max);
        if (schema.getLogicalType() != null) {
            json.writeStringField("format", schema.getLogicalType().getName().equals("timestamp-millis")
                    ? "epoch-millis" : schema.getLogicalType().getName());
        }
    }
}
