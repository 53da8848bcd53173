package dev.sift.modelops.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.learning.DatasetVersion;
import dev.sift.modelops.learning.LabelFixtures;
import dev.sift.modelops.learning.LabeledExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a retraining trains and judges on. */
class TrainingSetTest {

    @Test
    void shouldTrainOnStarterAndFeedbackButNeverOnAHeldOutText() {
        // Given a starter set holding the text of a held-out feedback example
        List<LabeledExample> feedback = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            feedback.add(LabelFixtures.example("s" + i, i, "data_export_request"));
        }
        DatasetVersion version = DatasetVersion.build(new DatasetVersion.Inputs(feedback, Optional.empty(), 0.2,
                Map.of(), Map.of(), 0), Instant.EPOCH);
        Dataset starter = Dataset.of("starter", List.of(new LabeledSnippet("text of s9", Set.of("complaint"), null,
                null), new LabeledSnippet("my parcel is late", Set.of("complaint"), null, null)), List.of(),
                List.of());

        // When the training set is assembled
        TrainingSet set = TrainingSet.of(starter, version);

        // Then the held-out text is only held out
        assertThat(set.heldOut()).extracting(LabeledSnippet::text).containsExactly("text of s8", "text of s9");
        assertThat(set.train()).extracting(LabeledSnippet::text).doesNotContain("text of s8", "text of s9")
                .contains("my parcel is late", "text of s0");
        assertThat(set.intentCounts()).containsEntry("data_export_request", 8).containsEntry("complaint", 1);
        Dataset dataset = set.dataset(List.of("complaint", "data_export_request", "praise"));
        assertThat(dataset.intents()).containsExactly("complaint", "data_export_request", "praise");
        assertThat(dataset.test()).hasSize(2);
        assertThat(dataset.name()).isEqualTo("starter+feedback-" + version.version());
    }
}
