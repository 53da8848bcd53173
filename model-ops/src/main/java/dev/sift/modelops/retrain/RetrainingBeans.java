package dev.sift.modelops.retrain;

import dev.sift.modelops.label.IntentCatalogue;
import dev.sift.modelops.label.LabelerConfig;
import dev.sift.modelops.label.LabelerSetup;
import dev.sift.modelops.learning.LabelCollector;
import dev.sift.modelops.learning.LearningConfig;
import dev.sift.modelops.service.ModelOpsService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Set;

/** The retraining run of {@code model-ops serve}, with the labeler's catalogue as the intents it may add. */
@Factory
@Requires(env = ModelOpsService.ENVIRONMENT)
@Requires(property = "sift.learning.enabled", notEquals = "false")
public class RetrainingBeans {

    /**
     * @param collector the feedback data set
     * @param config the learning settings
     * @param labeler the labeler's settings, for its catalogue ({@code sift.labeler.catalogue})
     * @return the run
     */
    @Singleton
    RetrainingRun retrainingRun(LabelCollector collector, LearningConfig config, LabelerConfig labeler) {
        IntentCatalogue catalogue = LabelerSetup.catalogue(labeler);
        Set<String> teacherIntents = Set.copyOf(catalogue.names());
        return new RetrainingRun(collector, config, teacherIntents::contains);
    }
}
