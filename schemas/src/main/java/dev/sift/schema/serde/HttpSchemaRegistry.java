package dev.sift.schema.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Asks a schema registry for a writer schema over its REST API ({@code GET /schemas/ids/{id}}, answered with
 * {@code {"schema": "<the schema as JSON text>", ...}}), the API of Confluent's registry that Apicurio, Karapace and
 * Redpanda serve too. Written here because Confluent's client is not on Maven Central and Apicurio's serdes speak
 * Apicurio's own API and bring a large HTTP stack, where one GET is needed. The answer is bounded
 * ({@link RegistrySettings#maxSchemaBytes}) and parsed by Avro's own parser; only Avro schemas are accepted.
 */
public final class HttpSchemaRegistry implements SchemaRegistry {

    private final RegistrySettings settings;
    private final HttpClient http;
    private final JsonFactory json;

    /**
     * @param settings where the registry is and how long to wait
     */
    public HttpSchemaRegistry(RegistrySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.json = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(settings.maxSchemaBytes()).maxNestingDepth(8).build()).build();
    }

    @Override
    public Schema writerSchema(int id) {
        URI uri = URI.create(settings.url().toString().replaceAll("/+$", "") + "/schemas/ids/" + id);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SerializationException("schema registry " + settings.url() + " cannot be asked for schema id "
                    + id + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SerializationException("interrupted while asking the schema registry for schema id " + id, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                throw new UnknownSchemaIdException("unknown schema registry id " + id + ": the registry "
                        + settings.url() + " has no schema of that id");
            }
            if (response.statusCode() != 200) {
                throw new SerializationException("schema registry " + settings.url() + " answered HTTP "
                        + response.statusCode() + " for schema id " + id);
            }
            byte[] bytes = body.readNBytes(settings.maxSchemaBytes() + 1);
            if (bytes.length > settings.maxSchemaBytes()) {
                throw new SerializationException("schema registry answer for schema id " + id + " is larger than "
                        + settings.maxSchemaBytes() + " bytes");
            }
            return parse(id, bytes);
        } catch (IOException e) {
            throw new SerializationException("schema registry answer for schema id " + id + " cannot be read: " + e,
                    e);
        }
    }

    private Schema parse(int id, byte[] answer) throws IOException {
        String schemaText = null;
        String schemaType = "AVRO";
        try (JsonParser in = json.createParser(answer)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializationException("schema registry answer for schema id " + id + " is not an object");
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if ("schema".equals(name) && value == JsonToken.VALUE_STRING) {
                    schemaText = in.getText();
                } else if ("schemaType".equals(name) && value == JsonToken.VALUE_STRING) {
                    schemaType = in.getText();
                } else {
                    in.skipChildren();
                }
            }
        }
        if (!"AVRO".equals(schemaType)) {
            throw new SerializationException("schema registry id " + id + " is a " + schemaType
                    + " schema, not an Avro one");
        }
        if (schemaText == null) {
            throw new SerializationException("schema registry answer for schema id " + id + " has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | IllegalArgumentException e) {
            throw new SerializationException("schema registry id " + id + " is not a valid Avro schema: "
                    + e.getMessage(), e);
        }
    }
}
