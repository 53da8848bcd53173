package dev.sift.opscli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sift-ops quality}: what the filter misses and what it forwards needlessly, as model-ops estimates them from
 * the teacher's labels of the forwarded snippets and of the audit sample ({@code GET /quality} of model-ops).
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Estimated recall (per intent, with its 95% interval) and precision of the filter, for the fleet"
            + " and each tenant, from model-ops' labeled audit sample."})
final class QualityCommand implements Callable<Integer> {

    @Option(names = "--model-ops-url", defaultValue = "${SIFT_MODEL_OPS_URL:-http://localhost:8081}",
            description = "model-ops' URL (default $SIFT_MODEL_OPS_URL or http://localhost:8081).")
    String url;

    @Option(names = "--model-ops-token", defaultValue = "${SIFT_MODEL_OPS_READ_TOKEN}",
            description = "model-ops' read token (default $SIFT_MODEL_OPS_READ_TOKEN); never printed.")
    String token;

    @Option(names = "--tenant", description = "Only this tenant (* for the fleet).")
    String tenant;

    @Override
    public Integer call() {
        JsonNode all = new GatewayClient(url, token).get("/quality");
        for (JsonNode quality : all) {
            String name = quality.path("tenant").asText();
            if (tenant != null && !tenant.equals(name)) {
                continue;
            }
            JsonNode p = quality.path("precision");
            System.out.printf(Locale.ROOT, "%s: precision %.3f [%.3f, %.3f] on %d forwarded%n",
                    name.equals("*") ? "fleet" : "tenant " + name, p.path("precision").asDouble(),
                    p.path("low").asDouble(), p.path("high").asDouble(), p.path("forwarded").asLong());
            System.out.printf(Locale.ROOT, "  %-28s %8s %17s %9s %8s%n", "recall of", "estimate", "95% interval",
                    "forwarded", "audited");
            for (JsonNode r : quality.path("intents")) {
                String intent = r.path("intent").asText();
                System.out.printf(Locale.ROOT, "  %-28s %8.3f   [%.3f, %.3f] %9d %8d%n",
                        intent.equals("*") ? "any intent" : intent, r.path("recall").asDouble(),
                        r.path("low").asDouble(), r.path("high").asDouble(), r.path("forwarded").asLong(),
                        r.path("audited").asLong());
            }
        }
        return 0;
    }
}
