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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A fine-tuning run judged on a validation split as it trains, on the MobileBERT-structure fixture. */
class EarlyStoppedFineTuningTest {

    /**
     * Texts like the training ones, half labeled as training labels them and half against it: the run first learns
     * the agreeing half, then only grows surer of its mistakes on the other.
     */
    private static final List<LabeledSnippet> VALIDATION = List.of(
            snippet("my card got declined again", "card"), snippet("is my parcel lost", "delivery"),
            snippet("refund me please", "refund"), snippet("the card does not work at all", "card"),
            snippet("my card was refused", "refund"), snippet("the parcel has not arrived yet", "card"),
            snippet("refund my last order please", "delivery"), snippet("card blocked again", "delivery"));

    @Test
    void shouldStopEarlyWhenValidationStopsImprovingAndReportTheStepThatWon() throws Exception {
        Path fixture = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx")
                .orElse(null);
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given 30 planned full-batch steps, judged every 2 steps with a patience of 5, on a validation split half of
        // which training can only make worse
        FineTuneOptions options = new FineTuneOptions(30, 14, 0, 2e-3f, 5e-2f, 0f, 0.01f, 7L, 1,
                Objective.SIGMOID, true).withValidation(ValidationPlan.of(2, 5, 0.1));

        // When it is fine-tuned, and once more without early stopping (the same steps, run to the end)
        Run stopped = fineTune(fixture, options);
        Run full = fineTune(fixture, options.withValidation(ValidationPlan.of(2, 0, 0.1)));
        FineTuneReport report = stopped.report();

        // Then it stops five evaluations after its best, which came after some training, long before its 30 steps
        System.out.printf("early stopping: best step %d, stopped at %d of %d (%.2f s training, %.2f s evaluating);"
                + " validation loss/accuracy %s%n", report.bestStep(), report.steps(), report.plannedSteps(),
                report.seconds(), report.validationSeconds(),
                report.validation().stream().map(p -> String.format("%.3f/%.2f", p.loss(), p.accuracy())).toList());
        assertThat(report.stoppedEarly()).isTrue();
        assertThat(report.plannedSteps()).isEqualTo(30);
        assertThat(report.bestStep()).isPositive();
        assertThat(report.steps()).isLessThan(30).isEqualTo(report.bestStep() + 5 * 2);
        assertThat(report.losses()).hasSize(report.steps());
        // And the curve holds the weights before the first step and every second step up to the stop
        assertThat(report.validation()).extracting(ValidationPoint::step)
                .containsExactlyElementsOf(IntStream.rangeClosed(0, report.steps() / 2).map(i -> 2 * i).boxed()
                        .toList());
        // And the step that won is the best evaluation of the curve
        ValidationPoint best = report.best().orElseThrow();
        assertThat(report.validation()).noneMatch(p -> p.betterThan(best));
        // And the run ends with that step's weights: the run that went on to step 30 found the same best and ends
        // with the same weights, bit for bit
        assertThat(full.report().steps()).isEqualTo(30);
        assertThat(full.report().bestStep()).isEqualTo(report.bestStep());
        assertThat(full.weights().keySet()).isEqualTo(stopped.weights().keySet());
        assertThat(stopped.weights().keySet())
                .allMatch(name -> Arrays.equals(stopped.weights().get(name), full.weights().get(name)));
    }

    /** A run's report and the encoder weights it ended with. */
    private record Run(FineTuneReport report, Map<String, float[]> weights) {
    }

    private static Run fineTune(Path fixture, FineTuneOptions options) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 32)) {
            OnnxModule module = OnnxModule.of(OnnxGraph.read(fixture), Pooling.MEAN, 1, manager);
            FineTuneReport report = new FineTuner(options, Progress.NONE).fineTune(module, tokenizer,
                    new FineTuneData(FineTunerTest.TRAIN, VALIDATION, TaskLabels.of(FineTunerTest.dataset())),
                    manager, null);
            Map<String, float[]> weights = new LinkedHashMap<>();
            module.weights().forEach((name, array) -> weights.put(name, array.toFloatArray()));
            return new Run(report, weights);
        }
    }

    @Test
    void shouldRefuseToValidateWithoutValidationExamples() {
        // Given a recipe that plans validation, and data without validation examples
        FineTuneOptions options = new FineTuneOptions(1, 14, 1, 2e-3f, 5e-2f, 0f, 0.01f, 7L, 1,
                Objective.SIGMOID, true).withValidation(ValidationPlan.of(1, 1, 0.1));
        FineTuneData data = new FineTuneData(FineTunerTest.TRAIN, List.of(), TaskLabels.of(FineTunerTest.dataset()));

        // Then the run is refused before anything is loaded or trained
        assertThatThrownBy(() -> new FineTuner(options, Progress.NONE).fineTune(null, null, data, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no validation examples");
    }

    private static LabeledSnippet snippet(String text, String intent) {
        return new LabeledSnippet(text, Set.of(intent), null, null);
    }
}
