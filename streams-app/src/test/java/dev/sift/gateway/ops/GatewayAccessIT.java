package dev.sift.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.gateway.EmbeddedGateway;
import dev.sift.gateway.policy.PolicyDirectory;
import dev.sift.gateway.support.Http;
import dev.sift.gateway.support.InProcessGateway;
import dev.sift.gateway.whatif.WhatIfAdmission;
import dev.sift.http.auth.testing.AccessTable;
import dev.sift.http.auth.testing.Level;
import dev.sift.http.auth.testing.Route;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.kafka.TopicSnapshot;
import dev.sift.schema.topic.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what on the gateway's HTTP API, against the real server on a real broker: changes need the ops token,
 * tenant data the read token (or the ops token), only health is open, and no spelling of a path or method gets
 * around it. What-if windows are bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedBroker.class)
class GatewayAccessIT {

    private static final String OPS_TOKEN = "gateway-ops-token-1";
    private static final String READ_TOKEN = "gateway-read-token-1";
    private static final String POLICY = "{\"tenant\": \"acme\", \"defaultThreshold\": 0.5}";
    private static final String CHANNEL_POLICY = "{\"tenant\": \"acme\", \"channel\": \"chat\", \"defaultThreshold\": 0.5}";
    private static final String ODD_POLICY = "{\"tenant\": \"validate-anything\", \"defaultThreshold\": 0.5}";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String QUESTION = "{\"tenant\": \"acme\", \"window\": 100, \"budget\": 0.2}";

    /** The gateway's API as documented: every route and what it needs. */
    static final List<Route> ROUTES = List.of(
            Route.of("GET", "/health", Level.OPEN),
            Route.of("GET", "/health/liveness", Level.OPEN),
            Route.of("GET", "/health/readiness", Level.OPEN),
            Route.of("GET", "/prometheus", Level.READ),
            Route.of("GET", "/dashboard", Level.READ),
            Route.of("GET", "/dashboard/stats", Level.READ),
            Route.of("GET", "/dashboard/quality", Level.READ),
            Route.of("GET", "/policies", Level.READ),
            Route.of("GET", "/policies/{tenant}", Level.READ).example("/policies/acme"),
            Route.of("GET", "/policies/{tenant}/{channel}", Level.READ).example("/policies/acme/chat"),
            Route.of("GET", "/policies/{tenant}/history", Level.READ).example("/policies/acme/history"),
            Route.of("POST", "/policies/validate", Level.READ).body(POLICY),
            Route.of("PUT", "/policies/{tenant}", Level.OPS).example("/policies/acme").body(POLICY),
            Route.of("PUT", "/policies/{tenant}", Level.OPS).example("/policies/validate-anything").body(ODD_POLICY),
            Route.of("PUT", "/policies/{tenant}/{channel}", Level.OPS).example("/policies/acme/chat")
                    .body(CHANNEL_POLICY),
            Route.of("DELETE", "/policies/{tenant}", Level.OPS).example("/policies/acme"),
            Route.of("DELETE", "/policies/{tenant}", Level.OPS).example("/policies/validate-anything"),
            Route.of("POST", "/what-if", Level.READ).body(QUESTION),
            Route.of("POST", "/what-if/auto", Level.READ).body(QUESTION),
            Route.of("GET", "/what-if/curves", Level.READ),
            Route.of("GET", "/model", Level.READ),
            Route.of("POST", "/model/rollback", Level.OPS));

    /** Paths no route serves, and near-misses of real ones. */
    static final List<String> PROBES = List.of("/", "/env", "/beans", "/routes", "/loggers", "/info", "/metrics",
            "/threaddump", "/refresh", "/stop", "/policies/validate/x", "/what-if/curves/x", "/dashboard/index.html",
            "/model/rollback/x", "/nonexistent");

    private LocalKafkaBroker broker;
    private EmbeddedGateway gateway;
    private Topics topics;
    private Http http;
    private int port;

    @BeforeAll
    void startGateway(LocalKafkaBroker broker) throws Exception {
        this.broker = broker;
        topics = new Topics(InProcessGateway.prefixed("access"));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 3, (short) 1);
        gateway = InProcessGateway.start(broker, topics.names(), "access", Files.createTempDirectory("access"),
                Map.of("sift.ops.token", OPS_TOKEN, "sift.ops.read-token", READ_TOKEN));
        port = gateway.startHttp();
        http = new Http(port);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldRefuseEveryRequestWhoseCredentialIsNotEnoughHoweverItIsSpelled() {
        // Given the gateway's routes and paths near them, and the policies and audit trail as they are
        AccessTable table = new AccessTable("127.0.0.1", port, List.of(OPS_TOKEN, READ_TOKEN), ROUTES, PROBES);
        Map<String, ?> policies = Map.copyOf(gateway.context().getBean(PolicyDirectory.class).all());
        int audited = audit().size();

        // When every method, spelling and credential too weak for the route is sent
        AccessTable.Outcome outcome = table.run();

        // Then each is refused with 401 (with its challenges) or 403, and nothing changed
        System.out.printf("ACCESS FIGURES: gateway, %d requests, %d let through%n", outcome.requests(),
                outcome.violations().size());
        assertThat(outcome.violations()).as("requests let through or answered wrongly").isEmpty();
        assertThat(gateway.context().getBean(PolicyDirectory.class).all()).isEqualTo(policies);
        assertThat(audit()).hasSize(audited);
    }

    private List<?> audit() {
        return TopicSnapshot.read(topics.policyAudit(), broker.clientConfig(), Duration.ofSeconds(10));
    }

    @Test
    void shouldLetTheReadTokenReadTenantDataButChangeNothing() {
        // Given the read token, as a bearer token or as the Basic password
        for (Map<String, String> read : List.of(Map.of("Authorization", "Bearer " + READ_TOKEN),
                Http.basic("reader", READ_TOKEN))) {
            // When it reads policies, their audit trail, the dashboard, what-if answers, the model and the metrics
            // Then every read is answered
            for (String path : List.of("/policies", "/policies/*", "/policies/*/history", "/dashboard",
                    "/dashboard/stats", "/what-if/curves?window=100", "/model", "/prometheus")) {
                assertThat(http.sendWith("GET", path, null, read).status()).as(path).isEqualTo(200);
            }
            assertThat(http.sendWith("POST", "/what-if", QUESTION, read).status()).isEqualTo(200);
            assertThat(http.sendWith("POST", "/policies/validate", POLICY, read).status()).isEqualTo(200);

            // And every change is refused with 403 and a reason
            Http.Reply put = http.sendWith("PUT", "/policies/acme", POLICY, read);
            assertThat(put.status()).isEqualTo(403);
            assertThat(put.body().toString()).contains("ops token");
            assertThat(http.sendWith("DELETE", "/policies/acme", null, read).status()).isEqualTo(403);
            assertThat(http.sendWith("POST", "/model/rollback", null, read).status()).isEqualTo(403);
        }
        assertThat(gateway.context().getBean(PolicyDirectory.class).get("acme")).isEmpty();
    }

    @Test
    void shouldLetTheOpsTokenReadAndChangeAndRecordWhoChanged() {
        // Given the ops token as the Basic password of alice (a browser) and as a bearer token (a script)
        Map<String, String> alice = Http.basic("alice", OPS_TOKEN);

        // When alice stores a policy and reads it back
        Http.Reply stored = http.sendWith("PUT", "/policies/ops-tenant",
                "{\"tenant\": \"ops-tenant\", \"defaultThreshold\": 0.7, \"comment\": \"by alice\"}", alice);

        // Then it is stored, and the audit trail names her
        assertThat(stored.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> http.get("/policies/ops-tenant", OPS_TOKEN).status() == 200);
        assertThat(http.sendWith("GET", "/policies/ops-tenant/history", null, alice).body().get(0).path("changedBy")
                .asText()).isEqualTo("alice");

        // And the bearer token deletes it as the configured ops user
        assertThat(http.send("DELETE", "/policies/ops-tenant", null, OPS_TOKEN).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> http.get("/policies/ops-tenant/history", READ_TOKEN).body().size() == 2);
        assertThat(http.get("/policies/ops-tenant/history", READ_TOKEN).body().get(1).path("changedBy").asText())
                .isEqualTo("ops");
    }

    @Test
    void shouldAnswerHealthToAnyoneAndAskEveryoneElseForCredentials() {
        // When an orchestrator asks for health without credentials, then it is answered
        Http.Reply health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().toString()).contains("UP");

        // When a browser opens the dashboard without credentials
        Http.Reply page = http.get("/dashboard");

        // Then it is asked for Basic credentials (which browsers prompt for) and scripts for a bearer token
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.headers().allValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("Basic realm=\"sift\""))
                .anyMatch(h -> h.startsWith("Bearer realm=\"sift\""));
        assertThat(page.body().toString()).contains("Authorization");
    }

    @Test
    void shouldRefuseWhatIfWindowsBeyondTheBoundWithAClearReason() {
        // When a what-if question asks for more decisions than the gateway replays (or none)
        List<Http.Reply> refused = List.of(
                http.get("/what-if/curves?window=2000000", READ_TOKEN),
                http.get("/what-if/curves?window=0", READ_TOKEN),
                http.get("/what-if/curves?window=-5", READ_TOKEN),
                http.send("POST", "/what-if", "{\"tenant\": \"acme\", \"window\": 2000000}", READ_TOKEN),
                http.send("POST", "/what-if/auto", "{\"tenant\": \"acme\", \"window\": 2000000, \"budget\": 0.2}",
                        READ_TOKEN));

        // Then each is refused with 400 naming the window and its bound, before any decision is read
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body().toString()).contains("window").contains("10000");
        });

        // And a window within the bound is answered
        assertThat(http.get("/what-if/curves?window=10000", READ_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void shouldAskAQuestionToRetryWhileAnotherIsAnswered() {
        // Given a question being answered (it holds the only permit)
        WhatIfAdmission admission = gateway.context().getBean(WhatIfAdmission.class);
        Http.Reply busy;
        try (WhatIfAdmission.Permit held = admission.tryEnter().orElseThrow()) {
            // When another arrives, then it is asked to retry, and nothing of it is read
            busy = http.get("/what-if/curves?window=100", READ_TOKEN);
        }
        assertThat(busy.status()).isEqualTo(429);
        assertThat(busy.headers().firstValue("Retry-After")).contains("1");
        assertThat(busy.body().toString()).contains("retry");

        // And once the first is answered, the retry is answered
        assertThat(http.get("/what-if/curves?window=100", READ_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseChangesAskedForByAnotherSite() {
        // Given a browser signed in as ops, on a page of another site that sends a change to the gateway
        Map<String, String> crossSite = new java.util.HashMap<>(Http.basic("alice", OPS_TOKEN));
        crossSite.put("Sec-Fetch-Site", "cross-site");

        // When the change arrives, then it is refused and nothing is stored
        assertThat(http.sendWith("PUT", "/policies/acme", POLICY, crossSite).status()).isEqualTo(403);
        assertThat(http.sendWith("POST", "/model/rollback", null, crossSite).status()).isEqualTo(403);
        assertThat(gateway.context().getBean(PolicyDirectory.class).get("acme")).isEmpty();
    }
}
