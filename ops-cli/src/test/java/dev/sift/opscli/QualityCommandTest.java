package dev.sift.opscli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sift.modelops.learning.ExampleLines;
import dev.sift.modelops.learning.LabeledExample;
import dev.sift.modelops.learning.RecallEstimate;
import dev.sift.modelops.learning.RequestText;
import dev.sift.modelops.learning.SnippetLabel;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.RequestKind;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sift-ops quality}: model-ops' estimate, as its {@code GET /quality} answers it, shown to ops. */
class QualityCommandTest {

    private static final String READ_TOKEN = "quality-read-token";

    @Test
    void shouldShowTheFleetsAndEachTenantsEstimatedRecallAndPrecision() throws Exception {
        // Given labels model-ops keeps: acme forwarded 40 complaints and 10 irrelevant snippets, and its 5% audit
        // sample found 2 dropped complaints
        List<String> staged = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            staged.add(line("acme", "f-" + i, RequestKind.FORWARD, 0, i < 40 ? "complaint" : null));
        }
        for (int i = 0; i < 30; i++) {
            staged.add(line("acme", "a-" + i, RequestKind.AUDIT, 0.05, i < 2 ? "complaint" : null));
        }
        // And model-ops answering GET /quality with them (its estimate, as its controller returns it; the service
        // itself cannot start here, where the gateway's beans are on the classpath too)
        List<LabeledExample> examples = staged.stream().map(l -> ExampleLines.parse(l).example()).toList();
        byte[] answer = new ObjectMapper().writeValueAsBytes(RecallEstimate.byTenant(examples));
        HttpServer modelOps = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        modelOps.createContext("/quality", exchange -> {
            boolean authorized = ("Bearer " + READ_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorized ? 200 : 401, authorized ? answer.length : -1);
            if (authorized) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        modelOps.start();
        try {
            String url = "http://127.0.0.1:" + modelOps.getAddress().getPort();

            // When ops ask for the quality
            String out = run("quality", "--model-ops-url", url, "--model-ops-token", READ_TOKEN);

            // Then the fleet's and acme's precision and recall are shown: 2 audited at 5% stand for 40 missed
            assertThat(out).contains("fleet: precision 0.800", "tenant acme: precision 0.800 [")
                    .containsPattern("complaint\\s+0\\.500\\s+\\[0\\.\\d{3}, 0\\.\\d{3}\\]\\s+40\\s+2");
        } finally {
            modelOps.stop(0);
        }
    }

    private static String line(String tenant, String id, RequestKind kind, double rate, String intent) {
        RequestText request = new RequestText(id, "text " + id, kind, List.of(), "model-v1", tenant, rate);
        SnippetLabel label = new SnippetLabel(id, intent == null ? List.of() : List.of(intent), null, null,
                LabelOrigin.LLM, "teacher", 1_700_000_000_000L);
        return ExampleLines.line(new LabeledExample(request, label), false);
    }

    private static String run(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.text()).isZero();
        return run.text();
    }
}
