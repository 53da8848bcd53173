package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

    @Test
    void shouldPublishTheJsonSchemasTheAvroSchemasGenerate() throws IOException {
        for (Schema schema : JsonSchemas.PUBLISHED) {
            try (InputStream in = getClass().getClassLoader()
                    .getResourceAsStream(JsonSchemas.RESOURCE_DIRECTORY + JsonSchemas.fileName(schema))) {
                assertThat(in).as("published " + JsonSchemas.fileName(schema)).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .as("%s is out of date: run JsonSchemas.main from the repository root",
                                JsonSchemas.fileName(schema))
                        .isEqualTo(JsonSchemas.of(schema));
            }
        }
    }

    @Test
    void shouldRequireTheFieldsWithoutDefaultsAndRefuseOthers() {
        String snippet = JsonSchemas.of(dev.sift.schema.ConversationSnippet.getClassSchema());

        assertThat(snippet).contains("\"required\" : [ \"snippetId\", \"conversationId\", \"tenant\", \"channel\","
                + " \"speaker\", \"text\", \"eventTime\" ]").contains("\"additionalProperties\" : false");
    }
}
