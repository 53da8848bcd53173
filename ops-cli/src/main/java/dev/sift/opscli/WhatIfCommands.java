package dev.sift.opscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** What-if questions: a proposed policy, automatic thresholds for a budget, threshold-vs-forward-rate curves. */
final class WhatIfCommands {

    private WhatIfCommands() {
    }

    private static void printResult(JsonNode answer) {
        JsonNode r = answer.path("result");
        JsonNode c = answer.path("current");
        System.out.printf(Locale.ROOT, "on %d recent decisions:%n", r.path("snippets").asInt());
        System.out.printf(Locale.ROOT, "  forward rate     %5.1f%%  (now %5.1f%%)%s%n", 100 * r.path("forwardRate").asDouble(),
                100 * c.path("forwardRate").asDouble(), r.path("budgetLimited").asBoolean() ? "  capped by the budget" : "");
        System.out.printf(Locale.ROOT, "  tokens sent      %,d of %,d  (now %,d)%n", r.path("tokensSent").asLong(),
                r.path("tokensTotal").asLong(), c.path("tokensSent").asLong());
        if (r.hasNonNull("precision")) {
            System.out.printf(Locale.ROOT, "  on %d labeled: precision %.3f, recall %.3f  (now %.3f / %.3f)%n",
                    r.path("labeled").asInt(), r.path("precision").asDouble(), r.path("recall").asDouble(),
                    c.path("precision").asDouble(), c.path("recall").asDouble());
        }
        System.out.println("  forward rate by intent:");
        Iterator<Map.Entry<String, JsonNode>> it = r.path("forwardRateByIntent").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            System.out.printf(Locale.ROOT, "    %-28s %5.1f%%%n", e.getKey(), 100 * e.getValue().asDouble());
        }
    }

    @Command(name = "what-if", mixinStandardHelpOptions = true,
            description = "What a proposed policy would forward on recent traffic (no change is made).")
    static final class WhatIf implements Callable<Integer> {
        @ParentCommand
        OpsCli root;

        @Parameters(index = "0", description = "proposed policy JSON file")
        Path file;

        @Option(names = "--window", defaultValue = "5000", description = "Recent decisions to replay.")
        int window;

        @Override
        public Integer call() {
            JsonNode policy = PolicyCommands.read(file);
            ObjectNode question = GatewayClient.JSON.createObjectNode();
            question.put("tenant", policy.path("tenant").asText("*"));
            question.set("policy", policy);
            question.put("window", window);
            printResult(root.client().send("POST", "/what-if", question));
            return 0;
        }
    }

    @Command(name = "auto", mixinStandardHelpOptions = true,
            description = "Propose per-intent thresholds that meet a forward budget while keeping the most recall.")
    static final class Auto implements Callable<Integer> {
        @ParentCommand
        OpsCli root;

        @Option(names = "--tenant", defaultValue = "*", description = "Whose traffic and policy (default *).")
        String tenant;

        @Option(names = "--budget", required = true, description = "Largest share of traffic to forward, e.g. 0.2.")
        double budget;

        @Option(names = "--window", defaultValue = "5000", description = "Recent decisions to replay.")
        int window;

        @Option(names = "--save", description = "Write the proposed policy here (then `policies set`).")
        Path save;

        @Override
        public Integer call() throws IOException {
            ObjectNode question = GatewayClient.JSON.createObjectNode().put("tenant", tenant).put("budget", budget)
                    .put("window", window);
            JsonNode answer = root.client().send("POST", "/what-if/auto", question);
            System.out.println("proposed thresholds: " + answer.path("policy").path("intentThresholds"));
            printResult(answer);
            if (save != null) {
                GatewayClient.JSON.writerWithDefaultPrettyPrinter().writeValue(save.toFile(), answer.path("policy"));
                System.out.println("saved " + save);
            }
            return 0;
        }
    }

    @Command(name = "curves", mixinStandardHelpOptions = true,
            description = "PNG chart of the forward rate against each intent's threshold.")
    static final class Curves implements Callable<Integer> {
        @ParentCommand
        OpsCli root;

        @Option(names = "--tenant", defaultValue = "*", description = "Whose traffic and policy (default *).")
        String tenant;

        @Option(names = "--window", defaultValue = "5000", description = "Recent decisions to replay.")
        int window;

        @Option(names = "--out", defaultValue = "threshold-curves.png", description = "PNG file to write.")
        Path out;

        @Override
        public Integer call() {
            JsonNode curves = root.client().get("/what-if/curves?tenant=" + java.net.URLEncoder.encode(tenant,
                    java.nio.charset.StandardCharsets.UTF_8) + "&window=" + window);
            double[] x = GatewayClient.JSON.convertValue(curves.path("thresholds"), double[].class);
            XYChart chart = new XYChartBuilder().width(1000).height(640)
                    .title("forward rate vs threshold (" + tenant + ", " + curves.path("snippets").asInt() + " decisions)")
                    .xAxisTitle("threshold of the intent (others as in force)").yAxisTitle("forwarded share (%)").build();
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
            Iterator<Map.Entry<String, JsonNode>> it = curves.path("curves").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                double[] y = GatewayClient.JSON.convertValue(e.getValue(), double[].class);
                for (int i = 0; i < y.length; i++) {
                    y[i] *= 100;
                }
                chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
            }
            try {
                Path parent = out.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                BitmapEncoder.saveBitmap(chart, out.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("chart " + out);
            return 0;
        }
    }
}
