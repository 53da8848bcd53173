package dev.sift.modelops.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call what on the model-ops service, against its real HTTP server: runs need the ops token, run status the
 * read token, health and the signed bundle archives are open, and no spelling gets around it. Runs here fail at once
 * (their base bundle does not exist), so no broker is needed.
 */
class ModelOpsAccessIT {

    private static final String OPS_TOKEN = "model-ops-token-1";
    private static final String READ_TOKEN = "model-ops-read-token-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service's API as documented: every route and what it needs. */
    static final List<Route> ROUTES = List.of(
            Route.of("GET", "/health", Level.OPEN),
            Route.of("GET", "/bundles/{file}", Level.OPEN).example("/bundles/sift-test.sift.zip"),
            Route.of("POST", "/optimize", Level.OPS),
            Route.of("GET", "/runs/last", Level.READ),
            Route.of("GET", "/quality", Level.READ));

    static final List<String> PROBES = List.of("/", "/runs", "/runs/last/x", "/optimize/x", "/bundles",
            "/bundles/../runs/last", "/quality/x", "/env", "/beans", "/routes", "/loggers", "/nonexistent");

    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void shouldRefuseEveryRequestWhoseCredentialIsNotEnoughHoweverItIsSpelled() throws Exception {
        try (ApplicationContext service = start(Map.of("sift.model-ops.token", OPS_TOKEN,
                "sift.model-ops.read-token", READ_TOKEN))) {
            // Given the service's routes and paths near them
            AccessTable table = new AccessTable("127.0.0.1", port(service), List.of(OPS_TOKEN, READ_TOKEN), ROUTES,
                    PROBES);

            // When every method, spelling and credential too weak for the route is sent
            AccessTable.Outcome outcome = table.run();

            // Then each is refused, and no run was started
            System.out.printf("ACCESS FIGURES: model-ops, %d requests, %d let through%n", outcome.requests(),
                    outcome.violations().size());
            assertThat(outcome.violations()).as("requests let through or answered wrongly").isEmpty();
            assertThat(service.getBean(ReoptimizationJob.class).last()).isEmpty();
        }
    }

    @Test
    void shouldStartRunsOnlyWithTheOpsTokenAndShowThemWithoutLocalPathsOrExceptionTexts() throws Exception {
        try (ApplicationContext service = start(Map.of("sift.model-ops.token", OPS_TOKEN,
                "sift.model-ops.read-token", READ_TOKEN))) {
            int port = port(service);

            // When a run is asked for without a credential, with the read token, and with the ops token
            HttpResponse<String> anonymous = send(port, "POST", "/optimize", null);
            HttpResponse<String> reader = send(port, "POST", "/optimize", "Bearer " + READ_TOKEN);
            HttpResponse<String> ops = send(port, "POST", "/optimize", basic("alice", OPS_TOKEN));

            // Then only the ops token starts one
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().allValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("Basic"));
            assertThat(reader.statusCode()).isEqualTo(403);
            assertThat(ops.statusCode()).isEqualTo(202);
            RunStatus failed = awaitFinished(service.getBean(ReoptimizationJob.class));
            assertThat(failed.state()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.detail()).as("the job itself knows the path").contains(dir.toString());

            // When the last run is read without a credential, then it is refused
            assertThat(send(port, "GET", "/runs/last", null).statusCode()).isEqualTo(401);

            // When it is read with the read token
            HttpResponse<String> last = send(port, "GET", "/runs/last", "Bearer " + READ_TOKEN);

            // Then it shows the run id, its state and a short reason, but no local path and no exception text
            assertThat(last.statusCode()).isEqualTo(200);
            JsonNode run = JSON.readTree(last.body());
            assertThat(run.path("id").asText()).isEqualTo(failed.id());
            assertThat(run.path("state").asText()).isEqualTo("FAILED");
            assertThat(run.path("reason").asText()).contains(failed.id()).contains("log");
            assertThat(last.body()).doesNotContain(dir.toString()).doesNotContain("private-folder")
                    .doesNotContainPattern("[A-Za-z]+(Exception|Error)").doesNotContain("/");
        }
    }

    @Test
    void shouldServeBundleArchivesToAnyoneSinceGatewaysVerifyTheirSignature() throws Exception {
        try (ApplicationContext service = start(Map.of("sift.model-ops.token", OPS_TOKEN))) {
            // When a gateway fetches an archive without a credential, then it gets it
            HttpResponse<String> archive = send(port(service), "GET", "/bundles/sift-test.sift.zip", null);
            assertThat(archive.statusCode()).isEqualTo(200);
            assertThat(archive.body()).isEqualTo("archive bytes");

            // And a name outside the store is not served
            assertThat(send(port(service), "GET", "/bundles/..%2Fsecret.sift.zip", null).statusCode())
                    .isIn(400, 404);
        }
    }

    @Test
    void shouldRefuseEveryRunWhenNoTokenIsConfigured() throws Exception {
        try (ApplicationContext service = start(Map.of())) {
            int port = port(service);
            // When a run is asked for with an empty bearer token or an empty Basic password
            // Then it is refused, and so is the run status: no configured token matches nothing
            for (String empty : new String[] {null, "Bearer ", "Bearer", basic("ops", ""), basic("", "")}) {
                assertThat(send(port, "POST", "/optimize", empty).statusCode()).as(String.valueOf(empty))
                        .isEqualTo(401);
                assertThat(send(port, "GET", "/runs/last", empty).statusCode()).as(String.valueOf(empty))
                        .isEqualTo(401);
            }
            assertThat(send(port, "GET", "/health", null).statusCode()).isEqualTo(200);
            assertThat(service.getBean(ReoptimizationJob.class).last()).isEmpty();
        }
    }

    private ApplicationContext start(Map<String, Object> overrides) throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Files.writeString(store.resolve("sift-test.sift.zip"), "archive bytes");
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", "127.0.0.1:9");
        config.put("micronaut.server.port", -1);
        config.put("sift.model-ops.store", store.toString());
        config.put("sift.model-ops.base-bundle", dir.resolve("private-folder").resolve("base").toString());
        config.put("sift.model-ops.schedule.enabled", "false");
        config.putAll(overrides);
        return ModelOpsService.start(config);
    }

    private static int port(ApplicationContext service) {
        return service.getBean(EmbeddedServer.class).getPort();
    }

    private HttpResponse<String> send(int port, String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static RunStatus awaitFinished(ReoptimizationJob job) {
        return await("a finished run").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(job::last, last -> last.isPresent() && last.get().finished() != null).orElseThrow();
    }
}
