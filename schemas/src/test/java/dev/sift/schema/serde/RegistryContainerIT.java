package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.schema.ConversationSnippet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The registry framing against a real schema registry (Apicurio Registry, in memory, through its Confluent-compatible
 * API): a schema registered there resolves records framed with its id, and an id it does not have is refused. Runs
 * where a Docker engine does; reported as skipped where none does ({@link RegistryWireFormatTest} specifies the
 * framing against a local server speaking the same API).
 */
@Testcontainers(disabledWithoutDocker = true)
class RegistryContainerIT {

    private static final int PORT = 8080;

    @Container
    private static final GenericContainer<?> REGISTRY = new GenericContainer<>("apicurio/apicurio-registry:3.0.9")
            .withExposedPorts(PORT)
            .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200));

    private static URI compatibleApi() {
        return URI.create("http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(PORT) + "/apis/ccompat/v7");
    }

    private static int register(String subject, String schema) throws IOException, InterruptedException {
        String body = "{\"schema\":\"" + schema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(compatibleApi() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return Integer.parseInt(id.group(1));
    }

    @Test
    void shouldResolveARecordFramedWithTheIdARealRegistryGave() throws Exception {
        // Given the snippet schema registered under the topic's value subject
        int id = register("sift.snippets-value", ConversationSnippet.getClassSchema().toString());
        RegistrySettings settings = RegistrySettings.of(compatibleApi());
        RegistryWireFormat<ConversationSnippet> format = new RegistryWireFormat<>(ConversationSnippet.class,
                new CachedSchemaRegistry(new HttpSchemaRegistry(settings), settings), DecodingLimits.DEFAULTS, 10);

        // When / Then
        assertThat(format.decode(RegistryWireFormatTest.framed(id, Fixtures.snippet()))).isEqualTo(Fixtures.snippet());
        assertThatThrownBy(() -> format.decode(RegistryWireFormatTest.framed(987_654, Fixtures.snippet())))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageStartingWith("unknown schema registry id 987654");
    }
}
