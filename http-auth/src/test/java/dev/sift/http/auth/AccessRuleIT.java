package dev.sift.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.http.auth.probe.ProbeController;
import dev.sift.http.auth.testing.AccessTable;
import dev.sift.http.auth.testing.Level;
import dev.sift.http.auth.testing.Route;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The access rule on a real Micronaut server with one route per mark: deny by default, challenges, who changed. */
class AccessRuleIT {

    private static final String OPS = "probe-ops-token";
    private static final String READ = "probe-read-token";

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldRefuseARouteWithoutAMarkToEveryoneTheOpsTokenIncluded() throws Exception {
        try (EmbeddedServer server = start(OPS, READ)) {
            // When an unmarked route is called with the strongest credential, then it is refused
            assertThat(send(server, "GET", "/probe/unmarked", "Bearer " + OPS, Map.of()).statusCode()).isEqualTo(403);
            assertThat(send(server, "GET", "/probe/unmarked", null, Map.of()).statusCode()).isEqualTo(401);

            // And a path no route serves is refused, not answered 404
            assertThat(send(server, "GET", "/probe/nothing", null, Map.of()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void shouldServeEachMarkToTheCredentialsThatHoldIt() throws Exception {
        try (EmbeddedServer server = start(OPS, READ)) {
            // Then the open route is open, the read route needs a token, the change needs the ops token
            assertThat(send(server, "GET", "/probe/open", null, Map.of()).statusCode()).isEqualTo(200);
            assertThat(send(server, "GET", "/probe/read", "Bearer " + READ, Map.of()).statusCode()).isEqualTo(200);
            assertThat(send(server, "GET", "/probe/read", "Bearer " + OPS, Map.of()).statusCode()).isEqualTo(200);
            HttpResponse<String> reader = send(server, "POST", "/probe/change", basic("reader", READ), Map.of());
            assertThat(reader.statusCode()).isEqualTo(403);
            assertThat(reader.body()).contains("changes need the ops token");

            // And who changed is the Basic user, or the configured ops user for a bearer token
            assertThat(send(server, "POST", "/probe/change", basic("alice", OPS), Map.of()).body())
                    .isEqualTo("changed by alice");
            assertThat(send(server, "POST", "/probe/change", "Bearer " + OPS, Map.of()).body())
                    .isEqualTo("changed by ops");
            assertThat(send(server, "POST", "/probe/change", basic("", OPS), Map.of()).body())
                    .isEqualTo("changed by ops");

            // And a user name that is not a name is refused
            assertThat(send(server, "POST", "/probe/change", basic("alice\nadmin", OPS), Map.of()).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void shouldAskForBasicThenBearerCredentialsAndSayHow() throws Exception {
        try (EmbeddedServer server = start(OPS, READ)) {
            // When a browser asks for a read route without credentials
            HttpResponse<String> refused = send(server, "GET", "/probe/read", null, Map.of());

            // Then it gets a Basic challenge first (which browsers prompt for), then a Bearer one, and what to send
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Basic realm=\"sift\", charset=\"UTF-8\"", "Bearer realm=\"sift\"");
            assertThat(refused.body()).contains("Authorization: Bearer <token>");
        }
    }

    @Test
    void shouldRefuseChangesAnotherSiteAsksABrowserToSend() throws Exception {
        try (EmbeddedServer server = start(OPS, READ)) {
            // Given a browser signed in as ops; when a page of another site posts a change
            HttpResponse<String> crossSite = send(server, "POST", "/probe/change", basic("alice", OPS),
                    Map.of("Sec-Fetch-Site", "cross-site"));

            // Then it is refused, while the same change from the service's own page goes through
            assertThat(crossSite.statusCode()).isEqualTo(403);
            assertThat(crossSite.body()).contains("another site");
            assertThat(send(server, "POST", "/probe/change", basic("alice", OPS),
                    Map.of("Sec-Fetch-Site", "same-origin")).statusCode()).isEqualTo(200);
            assertThat(send(server, "GET", "/probe/read", basic("alice", OPS),
                    Map.of("Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAcceptNoChangeWhenNoOpsTokenIsConfigured() throws Exception {
        try (EmbeddedServer server = start("", "")) {
            // When a change comes with an empty bearer token or an empty Basic password
            for (String empty : new String[] {"Bearer ", basic("ops", ""), basic("", "")}) {
                HttpResponse<String> refused = send(server, "POST", "/probe/change", empty, Map.of());

                // Then it is refused, and the answer says changes are disabled
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.body()).contains("changes are disabled").contains("probe.token");
            }
        }
    }

    @Test
    void shouldRefuseEveryRequestWhoseCredentialIsNotEnoughHoweverItIsSpelled() {
        try (EmbeddedServer server = start(OPS, READ)) {
            // When the access table is sent to the probe's routes
            AccessTable.Outcome outcome = new AccessTable("127.0.0.1", server.getPort(), List.of(OPS, READ), List.of(
                    Route.of("GET", "/probe/open", Level.OPEN),
                    Route.of("GET", "/probe/read", Level.READ),
                    Route.of("POST", "/probe/change", Level.OPS)), List.of("/probe/unmarked", "/probe")).run();

            // Then nothing is let through
            assertThat(outcome.violations()).isEmpty();
            assertThat(outcome.requests()).isGreaterThan(1000);
        }
    }

    private static EmbeddedServer start(String opsToken, String readToken) {
        Map<String, Object> config = new HashMap<>();
        config.put("micronaut.server.port", -1);
        config.put(ProbeController.ENABLED, "true");
        config.put("probe.token", opsToken);
        config.put("probe.read-token", readToken);
        return ApplicationContext.run(EmbeddedServer.class, config);
    }

    private HttpResponse<String> send(EmbeddedServer server, String method, String path, String authorization,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
