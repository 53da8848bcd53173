package dev.sift.modelops.cli;

import dev.sift.modelops.label.ApiKey;
import dev.sift.modelops.label.LabelerConfig;
import dev.sift.modelops.label.LabelerMetrics;
import dev.sift.modelops.label.LabelerSetup;
import dev.sift.modelops.label.LabelingException;
import dev.sift.modelops.label.LabelingLoop;
import dev.sift.modelops.label.Pricing;
import dev.sift.schema.kafka.CommandConfigOption;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code model-ops label}: labels every forwarded and audit request up to the topics' current end with the LLM
 * teacher, writes feedback and dead letters exactly once, prints a summary and exits.
 */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Label every request on the LLM-requests and audit-requests topics up to their current end with"
                + " the LLM teacher (an OpenAI-compatible chat-completions endpoint), write SnippetFeedback to the"
                + " feedback topic and what cannot be labeled to the label dead-letter topic, then print a summary.",
                "Configuration: the sift.labeler.* keys of application-model-ops.yml, environment variables"
                + " (SIFT_LLM_BASE_URL, SIFT_LLM_MODEL, SIFT_LABELER_*) and the options below. The API key comes from "
                + LabelerConfig.API_KEY_VARIABLE + " only.",
                "Exit codes: 0 done, 1 error, 2 the endpoint refused the labeler (key, model or URL)."})
final class LabelCommand implements Callable<Integer> {

    @Option(names = "--catalogue", description = "Intent catalogue file (YAML or JSON; default: the shipped one).")
    Path catalogue;

    @Option(names = "--prompt", description = "Prompt template file (default: the shipped one).")
    Path prompt;

    @Option(names = "--base-url", description = "Base URL of the chat-completions API (sift.labeler.base-url).")
    String baseUrl;

    @Option(names = "--model", description = "Model (sift.labeler.model).")
    String model;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (kafka.bootstrap.servers).")
    String bootstrapServers;

    @Mixin
    CommandConfigOption kafkaFile;

    @Option(names = "--group", description = "Consumer group (sift.labeler.group-id, shared with the service).")
    String group;

    @Option(names = "--instance-id", description = "This labeler's stable name (default: the host name); '-cli' is"
            + " appended so the command and a service on the same host do not fence each other.")
    String instanceId;

    @Option(names = "--batch-size", description = "Requests per transaction (sift.labeler.batch-size).")
    Integer batchSize;

    @Option(names = "--concurrency", description = "Calls in flight at once (sift.labeler.concurrency).")
    Integer concurrency;

    @Override
    public Integer call() {
        Map<String, Object> overrides = overrides();
        long start = System.nanoTime();
        try (ApplicationContext context = start(overrides)) {
            LabelerConfig config = context.getBean(LabelerConfig.class);
            LabelerMetrics metrics = new LabelerMetrics(new SimpleMeterRegistry(), Pricing.of(config));
            LabelingLoop.Parts parts = LabelerSetup.llmParts(config, context.getEnvironment(), metrics,
                    ApiKey.fromEnvironment(), "cli");
            LabelingLoop loop = new LabelingLoop(parts);
            System.err.println("labeling with " + config.getModel() + " at " + config.getBaseUrl() + " as "
                    + parts.instanceId() + " (group " + config.getGroupId() + ")");
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                loop.stop();
                awaitQuietly(finished);
            }, "label-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                loop.run(LabelingLoop.Mode.TO_END);
            } finally {
                finished.countDown();
            }
            System.out.print(metrics.summary(Duration.ofNanos(System.nanoTime() - start)).format());
            return 0;
        } catch (LabelingException e) {
            System.err.println("model-ops label: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            System.err.println("model-ops label: " + e.getMessage());
            return 1;
        }
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The configuration of {@code model-ops serve} ({@code application-model-ops.yml}, environment, system
     * properties) with the options on top, in an environment of its own: none of the service's beans start.
     */
    private static ApplicationContext start(Map<String, Object> overrides) {
        PropertySource serviceFile = new YamlPropertySourceLoader().load("application-model-ops",
                ClassPathResourceLoader.defaultLoader(LabelCommand.class.getClassLoader()))
                .orElseThrow(() -> new IllegalStateException("application-model-ops.yml is not on the classpath"));
        return ApplicationContext.builder().environments(LabelerConfig.CLI_ENVIRONMENT).deduceEnvironment(false)
                .banner(false).propertySources(serviceFile).properties(overrides).start();
    }

    private Map<String, Object> overrides() {
        Map<String, Object> out = new HashMap<>();
        put(out, "sift.labeler.catalogue", catalogue == null ? null : catalogue.toAbsolutePath().toString());
        put(out, "sift.labeler.prompt", prompt == null ? null : prompt.toAbsolutePath().toString());
        put(out, "sift.labeler.base-url", baseUrl);
        put(out, "sift.labeler.model", model);
        put(out, "kafka.bootstrap.servers", bootstrapServers);
        put(out, "sift.labeler.group-id", group);
        put(out, "sift.labeler.instance-id", instanceId);
        put(out, "sift.labeler.batch-size", batchSize);
        put(out, "sift.labeler.concurrency", concurrency);
        kafkaFile.settings().forEach((k, v) -> out.put("kafka." + k, v));
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
