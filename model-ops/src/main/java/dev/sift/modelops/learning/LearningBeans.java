package dev.sift.modelops.learning;

import dev.sift.modelops.service.ModelOpsService;
import dev.sift.modelops.service.ServiceConfig;
import dev.sift.schema.topic.KafkaClientConfig;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The feedback data set of {@code model-ops serve}: one collector over the request and feedback topics
 * ({@code sift.topics.*}), keeping its data sets under {@code <sift.model-ops.store>/datasets}.
 */
@Factory
@Requires(env = ModelOpsService.ENVIRONMENT)
@Requires(property = "sift.learning.enabled", notEquals = "false")
public class LearningBeans {

    /** Folder of the data sets inside the model store. */
    public static final String DATASETS = "datasets";

    /**
     * @param registry the service's meters
     * @return the learning loop's meters
     */
    @Singleton
    LearningMetrics learningMetrics(MeterRegistry registry) {
        return new LearningMetrics(registry);
    }

    /**
     * @param config the learning settings
     * @param environment the {@code kafka.*} and {@code sift.topics.*} settings
     * @param service the service settings, for the model store directory
     * @param metrics the learning loop's meters
     * @return the collector
     */
    @Singleton
    LabelCollector labelCollector(LearningConfig config, Environment environment, ServiceConfig service,
            LearningMetrics metrics) {
        config.validate();
        Map<String, Object> kafka = KafkaClientConfig.of(environment.getProperties("kafka", StringConvention.RAW),
                environment.getRequiredProperty("kafka.bootstrap.servers", String.class));
        Topics topics = new Topics(TopicNames.from(environment.getProperties("sift.topics", StringConvention.RAW)));
        return new LabelCollector(new LabelCollector.Parts(kafka, topics,
                new DatasetStore(Path.of(service.getStore()).resolve(DATASETS)), RecordLimits.of(config),
                new LabelJoin.Limits(config.getMaxPending(), config.getPendingTtl()), config.getReadTimeout(),
                metrics, Clock.systemUTC()));
    }
}
