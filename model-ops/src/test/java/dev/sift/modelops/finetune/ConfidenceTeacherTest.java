package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The labels' own confidences as soft targets: distillation from the learning loop's labels. */
class ConfidenceTeacherTest {

    private static final TaskLabels STUDENT = new TaskLabels(List.of("card", "delivery", "refund"), false);

    @Test
    void shouldTakeEachExamplesConfidencesAndLeaveTheRestToTheHardLabels() {
        // Given an LLM-labeled example with confidences (one for an intent the student lacks), and a reviewer's
        // example without any
        List<LabeledSnippet> examples = List.of(
                snippet("my card was declined", "card", Map.of("card", 0.8f, "refund", 0.3f, "weather", 0.9f)),
                snippet("where is my parcel", "delivery", Map.of()));

        // When they are the teacher
        SoftTargets targets = new ConfidenceTeacher().probabilities(examples, STUDENT, Progress.NONE);

        // Then the first example's card and refund are soft targets, its delivery and all of the second are left to
        // the hard labels, and weather is ignored
        assertThat(targets.known()[0]).containsExactly(true, false, true);
        assertThat(targets.probabilities()[0][0]).isEqualTo(0.8f);
        assertThat(targets.probabilities()[0][2]).isEqualTo(0.3f);
        assertThat(targets.known()[1]).containsExactly(false, false, false);
        assertThat(targets.knownLabels()).containsExactly(true, false, true);
        assertThat(targets.coveredExamples()).isEqualTo(1);
    }

    @Test
    void shouldRefuseDataWithoutConfidencesAndAStudentOfPolarities() {
        ConfidenceTeacher teacher = new ConfidenceTeacher();
        List<LabeledSnippet> hard = List.of(snippet("where is my parcel", "delivery", Map.of()));

        assertThatThrownBy(() -> teacher.probabilities(hard, STUDENT, Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no training example carries a confidence for any of the student's intents");
        assertThatThrownBy(() -> teacher.probabilities(hard, new TaskLabels(List.of("negative", "neutral",
                "positive"), true), Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learns polarities");
    }

    @Test
    void shouldMoveTheStudentTowardTheLabelersConfidences() throws Exception {
        Path fixture = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx")
                .orElse(null);
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given the tiny set, its relevant examples labeled with a confidence of 0.7 on their intent and 0.2 on the
        // next one, as an unsure labeler would
        List<LabeledSnippet> train = new ArrayList<>();
        for (LabeledSnippet s : FineTunerTest.TRAIN) {
            if (s.relevant()) {
                String intent = s.intents().iterator().next();
                String next = STUDENT.names().get((STUDENT.names().indexOf(intent) + 1) % 3);
                train.add(snippet(s.text(), intent, Map.of(intent, 0.7f, next, 0.2f)));
            } else {
                train.add(s);
            }
        }
        FineTuneOptions options = new FineTuneOptions(30, 14, 0, 2e-3f, 5e-2f, 0f, 0.01f, 7L, 1,
                Objective.SIGMOID, true);

        // When the student learns from them at weight 0.5, and, for comparison, at weight 0
        FineTuneReport taught = fineTune(fixture, options, train, 0.5f);
        FineTuneReport untaught = fineTune(fixture, options, train, 0f);

        // Then it ends much closer to the labeler's confidences than the hard labels alone take it
        System.out.printf("label confidences: KL %.4f -> %.4f (hard labels alone: %.4f -> %.4f)%n",
                taught.firstTeacherDivergence(2), taught.lastTeacherDivergence(2),
                untaught.firstTeacherDivergence(2), untaught.lastTeacherDivergence(2));
        assertThat(taught.lastTeacherDivergence(2)).isLessThan(taught.firstTeacherDivergence(2) * 0.5);
        assertThat(taught.lastTeacherDivergence(2)).isLessThan(untaught.lastTeacherDivergence(2) * 0.5);
    }

    private static FineTuneReport fineTune(Path fixture, FineTuneOptions options, List<LabeledSnippet> train,
            float weight) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 32)) {
            OnnxModule module = OnnxModule.of(OnnxGraph.read(fixture), Pooling.MEAN, 1, manager);
            return new FineTuner(options, Progress.NONE).fineTune(module, tokenizer, train, STUDENT, manager,
                    new Distillation(new ConfidenceTeacher(), weight, 1f));
        }
    }

    private static LabeledSnippet snippet(String text, String intent, Map<String, Float> confidences) {
        return new LabeledSnippet(text, Set.of(intent), null, null, List.of(), confidences);
    }
}
