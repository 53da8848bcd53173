package dev.sift.modelops.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.learning.DatasetVersion;
import dev.sift.modelops.learning.LabelFixtures;
import dev.sift.modelops.learning.LabeledExample;
import dev.sift.modelops.learning.RequestText;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.RequestKind;
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

    @Test
    void shouldJudgeTheContextOnTheNewestFeedbackItAlsoTrainsOn() {
        // Given 500 feedback labels, a minute apart, of which the newest fifth are held out
        List<LabeledExample> feedback = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            feedback.add(LabelFixtures.example("s" + i, i, "complaint"));
        }
        DatasetVersion version = DatasetVersion.build(new DatasetVersion.Inputs(feedback, Optional.empty(), 0.2,
                Map.of(), Map.of(), 0), Instant.EPOCH);
        Dataset starter = Dataset.of("starter", List.of(new LabeledSnippet("my parcel is late", Set.of("complaint"),
                null, null)), List.of(), List.of());

        // When the training set is assembled
        TrainingSet set = TrainingSet.of(starter, version);

        // Then the newest fifth of the feedback it trains on judges the context, and is trained on too
        assertThat(set.heldOut()).hasSize(100);
        assertThat(set.contextJudges()).hasSize(80).extracting(LabeledSnippet::text)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(320, 400).mapToObj(i -> "text of s" + i)
                        .toList());
        assertThat(set.train()).containsAll(set.contextJudges()).hasSize(401);
    }

    @Test
    void shouldLeaveTheContextToCrossValidationWhenTooFewFeedbackLabelsCouldJudgeIt() {
        // Given 100 feedback labels: 80 to train on, of which the newest fifth would be 16
        List<LabeledExample> feedback = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            feedback.add(LabelFixtures.example("s" + i, i, "complaint"));
        }
        DatasetVersion version = DatasetVersion.build(new DatasetVersion.Inputs(feedback, Optional.empty(), 0.2,
                Map.of(), Map.of(), 0), Instant.EPOCH);

        // When the training set is assembled
        TrainingSet set = TrainingSet.of(Dataset.of("starter", List.of(), List.of(), List.of()), version);

        // Then no example judges the context
        assertThat(set.train()).hasSize(80);
        assertThat(set.contextJudges()).isEmpty();
    }

    @Test
    void shouldKeepTrainingOnAShortReplyHeldOutAfterAnotherTurn() {
        // Given a held-out "yes please" to a refund offer, and the same words in the starter set after two other turns
        List<SpokenTurn> refundOffer = List.of(new SpokenTurn(TurnRole.SERVICE, "Shall I refund the order?"));
        List<SpokenTurn> holdQuestion = List.of(new SpokenTurn(TurnRole.SERVICE, "Can I put you on hold?"));
        List<LabeledExample> feedback = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<SpokenTurn> before = i == 4 ? refundOffer
                    : List.of(new SpokenTurn(TurnRole.SERVICE, "One moment please (" + i + ")"));
            RequestText reply = new RequestText("s" + i, "yes please", RequestKind.FORWARD, List.of(), "ctx-v1", "",
                    0, before);
            feedback.add(new LabeledExample(reply, LabelFixtures.label("s" + i, LabelOrigin.LLM, i,
                    i == 4 ? new String[] {"refund_request"} : new String[0])));
        }
        DatasetVersion version = DatasetVersion.build(new DatasetVersion.Inputs(feedback, Optional.empty(), 0.2,
                Map.of(), Map.of(), 0), Instant.EPOCH);
        Dataset starter = Dataset.of("starter", List.of(
                new LabeledSnippet("yes please", Set.of(), null, null, holdQuestion),
                new LabeledSnippet("yes please", Set.of("refund_request"), null, null, refundOffer)), List.of(),
                List.of());

        // When the training set is assembled
        TrainingSet set = TrainingSet.of(starter, version);

        // Then only the example with the held-out one's context is left out of training
        assertThat(set.heldOut()).extracting(LabeledSnippet::context).containsExactly(refundOffer);
        assertThat(set.train()).extracting(LabeledSnippet::context).doesNotContain(refundOffer)
                .contains(holdQuestion);
        assertThat(set.train()).hasSize(5);
    }
}
