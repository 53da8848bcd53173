package dev.sift.modelops.label;

import dev.sift.schema.kafka.KafkaClientConfig;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Assembles a labeler from configuration, the same way for the service and for {@code model-ops label}: the
 * catalogue and prompt, the LLM teacher, the topics (creating the feedback and label dead-letter topics when missing)
 * and the Kafka client settings.
 */
public final class LabelerSetup {

    private LabelerSetup() {
    }

    /**
     * @param config labeler settings
     * @return the configured catalogue file, or the shipped catalogue
     */
    public static IntentCatalogue catalogue(LabelerConfig config) {
        return config.getCatalogue().isBlank() ? IntentCatalogue.defaults()
                : IntentCatalogue.load(Path.of(config.getCatalogue()));
    }

    /**
     * @param config labeler settings
     * @param catalogue the intents
     * @return the configured prompt template, or the shipped one, filled with the catalogue
     */
    public static PromptTemplate prompt(LabelerConfig config, IntentCatalogue catalogue) {
        String template = config.getPrompt().isBlank() ? PromptTemplate.defaultTemplate()
                : PromptTemplate.read(Path.of(config.getPrompt()));
        return new PromptTemplate(template, catalogue, config.getMaxSnippetChars());
    }

    /**
     * @param config labeler settings
     * @param role {@code ""} for the service, e.g. {@code "cli"} for the command, so both may run on one host
     * @return the instance id: the configured one or the host name, with the role appended
     */
    public static String instanceId(LabelerConfig config, String role) {
        String base = config.getInstanceId().isBlank() ? hostName() : config.getInstanceId().strip();
        return role.isEmpty() ? base : base + "-" + role;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "sift-labeler" : env;
        }
    }

    /**
     * Builds the parts of a labeling loop with the LLM teacher.
     *
     * @param config labeler settings
     * @param environment the application's configuration ({@code kafka.*}, {@code sift.topics.*})
     * @param metrics where the labeler counts
     * @param key the API key
     * @param role see {@link #instanceId}
     * @return the parts
     */
    public static LabelingLoop.Parts llmParts(LabelerConfig config, Environment environment, LabelerMetrics metrics,
            ApiKey key, String role) {
        config.validate();
        IntentCatalogue catalogue = catalogue(config);
        Teacher teacher = new ChatCompletionsTeacher(config, prompt(config, catalogue), key, metrics);
        Map<String, Object> kafka = KafkaClientConfig.of(environment.getProperties("kafka", StringConvention.RAW),
                environment.getRequiredProperty("kafka.bootstrap.servers", String.class));
        Topics topics = new Topics(TopicNames.from(environment.getProperties("sift.topics", StringConvention.RAW)));
        if (environment.getProperty("sift.topics.create", Boolean.class).orElse(true)) {
            new TopicProvisioner(kafka).ensure(List.of(topics.feedback(), topics.labelDeadLetters()),
                    environment.getProperty("sift.topics.partitions", Integer.class).orElse(6),
                    environment.getProperty("sift.topics.replication-factor", Short.class).orElse((short) 1));
        }
        return new LabelingLoop.Parts(teacher, new FeedbackFactory(catalogue, Clock.systemUTC()), topics, kafka, config,
                instanceId(config, role), metrics);
    }
}
