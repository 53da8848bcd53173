package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import dev.sift.classifier.Classification;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.train.TrainingOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fine-tuning with a teacher's probabilities as well as the hard labels, on the MobileBERT-structure fixture. */
class DistillationTest {

    /** Full-batch steps, as in {@link FineTunerTest}. */
    private static final FineTuneOptions SIGMOID = new FineTuneOptions(30, 14, 0, 2e-3f, 5e-2f, 0f, 0.01f, 7L, 1,
            Objective.SIGMOID, true);
    private static final FineTuneOptions SOFTMAX = new FineTuneOptions(30, 14, 0, 2e-3f, 5e-2f, 0f, 0.01f, 7L, 1,
            Objective.SOFTMAX, true);

    private static Path fixture;

    @TempDir
    Path work;

    @BeforeAll
    static void findFixture() {
        fixture = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
    }

    @Test
    void shouldTrainBitForBitAsWithoutATeacherWhenTheTeachersWeightIsZero() throws Exception {
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        for (FineTuneOptions options : List.of(SIGMOID, SOFTMAX)) {
            // Given the same data and seed, once without a teacher and once with a teacher at weight 0
            Run hard = fineTune(options, null);
            Run zero = fineTune(options, new Distillation(new SoftTeacher(), 0f, 2f));

            // Then every loss and every weight is the same, bit for bit
            assertThat(zero.report().losses()).as(options.objective().name()).isEqualTo(hard.report().losses());
            List<String> different = hard.weights().keySet().stream()
                    .filter(name -> !Arrays.equals(hard.weights().get(name), zero.weights().get(name))).toList();
            assertThat(different).as(options.objective().name()).isEmpty();
            // And the teacher was still measured, which the run without one cannot do
            assertThat(zero.report().teacherDivergences()).hasSize(30);
            assertThat(hard.report().teacherDivergences()).isEmpty();
        }
    }

    /**
     * @return each objective, with how far below its first divergence from the teacher the student must end: with
     *     one softmax over the intents the hard labels pull against the teacher's second choices, so it moves less
     */
    static Stream<Arguments> objectives() {
        return Stream.of(Arguments.of(SIGMOID, 0.5), Arguments.of(SOFTMAX, 1.0));
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void shouldMoveTheStudentTowardTheTeacher(FineTuneOptions objective, double divergenceFactor) throws Exception {
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given a teacher whose probabilities differ from the hard labels (second choices, no certainty)
        SoftTeacher teacher = new SoftTeacher();

        // When the student learns from it at weight 0.5 and temperature 2, and, for comparison, at weight 0
        Run taught = fineTune(objective, new Distillation(teacher, 0.5f, 2f));
        Run untaught = fineTune(objective, new Distillation(teacher, 0f, 2f));

        // Then the loss falls, and the student ends much closer to the teacher than hard labels alone take it
        FineTuneReport t = taught.report();
        FineTuneReport u = untaught.report();
        System.out.printf("%s distillation: loss %.4f -> %.4f, KL to teacher %.4f -> %.4f (hard labels alone:"
                + " %.4f -> %.4f)%n", objective.objective(), t.firstLoss(2), t.lastLoss(2), t.firstTeacherDivergence(2),
                t.lastTeacherDivergence(2), u.firstTeacherDivergence(2), u.lastTeacherDivergence(2));
        assertThat(t.lastLoss(2)).isLessThan(t.firstLoss(2) * 0.5);
        assertThat(t.lastTeacherDivergence(2)).isLessThan(t.firstTeacherDivergence(2) * divergenceFactor);
        assertThat(t.lastTeacherDivergence(2)).isLessThan(u.lastTeacherDivergence(2) * 0.5);
    }

    @Test
    void shouldScoreWithATeacherBundleMatchingItsIntentsByNameAndRefuseOneWithNoneOfTheStudents() {
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given a teacher bundle with the intents card, delivery and refund
        Encoder base = new Encoder("mobilebert-random-2l", fixture.toString(), fixture,
                MiniLmFixture.encoder().tokenizer(), Pooling.MEAN, 1, Sha256.ofFile(fixture));
        Path directory = work.resolve("teacher");
        new BundleTraining(base, work, 32, new TrainingOptions(new double[] {1, 8}, 2, 1, 0L), Progress.NONE)
                .train(FineTunerTest.dataset(), "teacher", "teacher-1", Map.of(), directory);
        BundleTeacher teacher = new BundleTeacher(directory, 1);

        // When it scores a student's examples whose labels are card, weather and refund
        List<LabeledSnippet> examples = FineTunerTest.TRAIN;
        TaskLabels student = new TaskLabels(List.of("card", "weather", "refund"), false);
        SoftTargets targets = teacher.probabilities(examples, student, Progress.NONE);

        // Then card and refund are the bundle's probabilities as the gateway's runtime gives them, and weather,
        // which the teacher lacks, is left to the hard labels
        assertThat(targets.knownLabels()).containsExactly(true, false, true);
        List<Classification> expected;
        try (OnnxClassifier classifier = OnnxClassifier.open(ModelBundle.open(directory),
                InferenceSettings.defaults())) {
            expected = classifier.classify(examples.stream().map(LabeledSnippet::text).toList());
        }
        for (int i = 0; i < examples.size(); i++) {
            assertThat(targets.probabilities()[i][0]).isEqualTo(expected.get(i).intent("card"));
            assertThat(targets.probabilities()[i][2]).isEqualTo(expected.get(i).intent("refund"));
        }
        assertThat(teacher.identity()).contains("teacher-1").contains("model.onnx");

        // And a student with none of the teacher's intents is refused before anything is scored, naming both sides
        TaskLabels stranger = new TaskLabels(List.of("weather", "music"), false);
        assertThatThrownBy(() -> teacher.probabilities(examples, stranger, Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("teacher bundle teacher-1 has none of the student's intents")
                .hasMessageContaining("[card, delivery, refund]").hasMessageContaining("[weather, music]");
    }

    @Test
    void shouldRefuseWeightsOutsideZeroToOneAndTemperaturesOutsideTheRange() {
        // Given a teacher
        SoftTeacher teacher = new SoftTeacher();

        // Then a weight outside [0, 1] or a temperature outside (0, 100] is refused with the range it must be in
        for (float weight : new float[] {-0.1f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new Distillation(teacher, weight, 2f))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be in [0, 1]");
        }
        for (float temperature : new float[] {0f, -1f, 101f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new Distillation(teacher, 0.5f, temperature))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be in (0, 100]");
        }
        // And the edges are accepted
        assertThat(new Distillation(teacher, 0f, 100f).weight()).isZero();
        assertThat(new Distillation(teacher, 1f, 0.5f).weight()).isEqualTo(1f);
    }

    @Test
    void shouldRefuseProbabilitiesOutsideZeroToOneAndRowsOfTheWrongLength() {
        // Given a teacher's output with a probability above 1, then one with a short row
        List<String> labels = List.of("card", "delivery");
        boolean[][] known = {{true, true}, {true, true}};

        // Then each is refused, naming the example and the label
        assertThatThrownBy(() -> new SoftTargets(labels, new float[][] {{0.2f, 1.5f}}, new boolean[][] {{true, true}},
                "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probability 1.5 of label delivery for example 0 is not in [0, 1]");
        assertThatThrownBy(() -> new SoftTargets(labels, new float[][] {{0.2f, 0.1f}, {0.3f}}, known, "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example 1 has 1 probabilities for 2 labels");
    }

    /** A fine-tuning run's report and final weights. */
    private record Run(FineTuneReport report, Map<String, float[]> weights) {
    }

    private static Run fineTune(FineTuneOptions options, Distillation distillation) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 32)) {
            OnnxModule module = OnnxModule.of(OnnxGraph.read(fixture), Pooling.MEAN, 1, manager);
            FineTuneReport report = new FineTuner(options, Progress.NONE).fineTune(module, tokenizer,
                    FineTunerTest.TRAIN, TaskLabels.of(FineTunerTest.dataset()), manager, distillation);
            Map<String, float[]> weights = new LinkedHashMap<>();
            module.weights().forEach((name, array) -> weights.put(name, array.toFloatArray()));
            return new Run(report, weights);
        }
    }

    /**
     * A teacher that is right but not certain: 0.7 on an example's own intent, 0.2 on the one after it, 0.05 on the
     * other; 0.1 on every intent for an example without one.
     */
    private static final class SoftTeacher implements DistillationTeacher {

        @Override
        public String identity() {
            return "soft test teacher";
        }

        @Override
        public SoftTargets probabilities(List<LabeledSnippet> examples, TaskLabels labels, Progress progress) {
            int n = labels.names().size();
            float[][] rows = new float[examples.size()][n];
            for (int i = 0; i < examples.size(); i++) {
                Arrays.fill(rows[i], examples.get(i).relevant() ? 0.05f : 0.1f);
                for (String intent : examples.get(i).intents()) {
                    int j = labels.names().indexOf(intent);
                    rows[i][j] = 0.7f;
                    rows[i][(j + 1) % n] = 0.2f;
                }
            }
            boolean[] known = new boolean[n];
            Arrays.fill(known, true);
            return SoftTargets.perLabel(labels.names(), rows, known, identity());
        }
    }
}
