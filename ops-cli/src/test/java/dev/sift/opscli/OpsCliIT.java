package dev.sift.opscli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.gateway.EmbeddedGateway;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.Speaker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sift-ops against a real gateway: list, set, history, what-if, auto, curves; reads with the read token, changes with
 * the ops token.
 */
class OpsCliIT {

    @TempDir
    Path dir;

    @Test
    void shouldManagePoliciesAndAnswerWhatIfQuestions() throws Exception {
        var bundle = DefaultBundle.ensure(Progress.NONE);
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 3, (short) 1);
            Map<String, Object> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
            config.put("kafka.streams.default.application.id", "ops-cli");
            config.put("kafka.streams.default.state.dir", dir.resolve("state").toString());
            config.put("sift.model.bundle", bundle.directory().toString());
            config.put("sift.ops.token", "cli-token");
            config.put("sift.ops.read-token", "cli-read-token");
            config.put("micronaut.server.port", -1);
            try (EmbeddedGateway gateway = EmbeddedGateway.start(config, Duration.ofMinutes(1))) {
                String url = "http://127.0.0.1:" + gateway.startHttp();
                produce(broker, topics, 120);
                Path policy = dir.resolve("acme.json");
                Files.writeString(policy, """
                        {"tenant": "acme", "defaultThreshold": 0.6, "intentThresholds": {"complaint": 0.4}}""");
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(read(url, "what-if",
                        policy.toString())).contains("on 120 recent decisions"));

                // Reads need a token: without one the CLI says which to give
                assertThat(runExpectingFailure(url, null, "policies", "list")).contains("HTTP 401")
                        .contains("--read-token");
                assertThat(read(url, "policies", "list")).contains("*");
                assertThat(read(url, "policies", "validate", policy.toString())).contains("valid");
                // Changes need the ops token: refused without a token, and with the read token
                assertThat(runExpectingFailure(url, null, "policies", "set", "acme", policy.toString()))
                        .contains("HTTP 401");
                assertThat(execute(url, null, 1, "--read-token", "cli-read-token", "policies", "set", "acme",
                        policy.toString())).contains("HTTP 403").contains("--token");
                assertThat(run(url, "cli-token", "policies", "set", "acme", policy.toString()))
                        .contains("stored acme revision 1");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(read(url, "policies", "get",
                        "acme")).contains("\"complaint\" : 0.4"));
                assertThat(run(url, "cli-token", "policies", "history", "acme")).contains("ops").contains("-> 1");
                assertThat(read(url, "what-if", policy.toString())).contains("forward rate");
                assertThat(read(url, "auto", "--budget", "0.2")).contains("proposed thresholds");
                assertThat(execute(url, null, 1, "--read-token", "cli-read-token", "curves", "--window", "2000000"))
                        .contains("HTTP 400").contains("window");
                Path chart = dir.resolve("curves.png");
                assertThat(read(url, "curves", "--out", chart.toString())).contains("chart");
                assertThat(Files.size(chart)).isGreaterThan(10_000);
            }
        }
    }

    private static String read(String url, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--read-token", "cli-read-token"));
        all.addAll(List.of(args));
        return execute(url, null, 0, all.toArray(String[]::new));
    }

    private static String run(String url, String token, String... args) {
        return execute(url, token, 0, args);
    }

    private static String runExpectingFailure(String url, String token, String... args) {
        return execute(url, token, 1, args);
    }

    private static String execute(String url, String token, int expectedExit, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--url", url));
        if (token != null) {
            all.addAll(List.of("--token", token));
        }
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.exit()).as(run.text()).isEqualTo(expectedExit);
        return run.text();
    }

    private static void produce(LocalKafkaBroker broker, Topics topics, int n) throws Exception {
        List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).toList();
        Properties props = new Properties();
        props.putAll(broker.clientConfig());
        try (var producer = new KafkaProducer<>(props, topics.snippets().keySerde().serializer(),
                topics.snippets().valueSerde().serializer())) {
            for (int i = 0; i < n; i++) {
                ConversationSnippet s = ConversationSnippet.newBuilder().setSnippetId("cli-" + i)
                        .setConversationId("c-" + i % 9).setTenant("acme").setChannel("chat")
                        .setSpeaker(Speaker.newBuilder().setId("u").build()).setText(texts.get(i))
                        .setEventTime(Instant.now()).build();
                producer.send(new ProducerRecord<>(topics.snippets().name(), s.getConversationId(), s)).get();
            }
        }
    }
}
