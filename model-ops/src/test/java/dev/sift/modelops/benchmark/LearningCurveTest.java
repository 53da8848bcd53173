package dev.sift.modelops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.evaluate.EvaluationReport;
import dev.sift.modelops.evaluate.Evaluator;
import dev.sift.modelops.retrain.HeadRetraining;
import dev.sift.modelops.train.Examples;
import dev.sift.modelops.train.TrainingOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LearningCurveTest {

    private static final int WIDTH = 16;
    private static final TrainingOptions OPTIONS = new TrainingOptions(new double[] {0.5, 4, 32}, 3, 1, 0);

    /** Three intents and the irrelevant, each around its own centre, with overlap: texts and their embeddings. */
    private static final class Data {
        private final Map<String, float[]> embeddings = new HashMap<>();
        private final Random random = new Random(5);

        List<LabeledSnippet> split(String name, int perGroup) {
            List<LabeledSnippet> out = new ArrayList<>();
            for (int g = 0; g < 4; g++) {
                for (int i = 0; i < perGroup; i++) {
                    String text = name + " " + g + " " + i;
                    float[] v = new float[WIDTH];
                    v[g] = 1f;
                    for (int d = 0; d < WIDTH; d++) {
                        v[d] += (float) (random.nextGaussian() * 0.45);
                    }
                    embeddings.put(text, v);
                    out.add(new LabeledSnippet(text, g == 3 ? Set.of() : Set.of("intent" + g), null, null));
                }
            }
            return out;
        }
    }

    private static Examples examples(List<LabeledSnippet> snippets, Map<String, float[]> embeddings) {
        return new Examples(snippets.stream().map(s -> embeddings.get(s.text())).toArray(float[][]::new),
                snippets.stream().map(LabeledSnippet::intents).toList(),
                snippets.stream().map(LabeledSnippet::polarity).toList());
    }

    @Test
    void shouldRetrainAtEachCheckpointOnTheStarterSetAndTheTrafficSoFar() {
        // Given a data set of 40 training examples per intent (and 40 irrelevant ones)
        Data data = new Data();
        Dataset dataset = Dataset.of("clusters", data.split("train", 40), data.split("val", 15),
                data.split("test", 20));

        // When its learning curve starts from 5 labels per intent, with checkpoints at 10, 20 and 60
        List<LearningCurve.Point> points = new LearningCurve(new HeadRetraining(OPTIONS, Progress.NONE),
                new LearningCurve.Settings(5, List.of(20, 10, 60), 0), Progress.NONE).run(dataset, data.embeddings);

        // Then it measures 5, 10, 20 and all 40 labels per intent, the heads trained on that many of each group
        assertThat(points).extracting(LearningCurve.Point::labelsPerIntent).containsExactly(5, 10, 20, 40);
        assertThat(points).extracting(LearningCurve.Point::trainExamples).containsExactly(20, 40, 80, 160);
        assertThat(points).extracting(LearningCurve.Point::all).containsExactly(false, false, false, true);
        assertThat(points).allSatisfy(p -> assertThat(p.report().intents().irrelevantRecallAtThreshold()).isNotNull());
    }

    @Test
    void shouldMeasureWithAllLabelsWhatTrainingOnTheWholeSplitMeasures() {
        // Given a data set
        Data data = new Data();
        Dataset dataset = Dataset.of("clusters", data.split("train", 40), data.split("val", 15),
                data.split("test", 20));

        // When its learning curve runs, and heads are trained on the whole training split as `evaluate` does
        List<LearningCurve.Point> points = new LearningCurve(new HeadRetraining(OPTIONS, Progress.NONE),
                new LearningCurve.Settings(5, List.of(), 0), Progress.NONE).run(dataset, data.embeddings);
        BundleTraining.Heads offline = BundleTraining.trainHeads(examples(dataset.train(), data.embeddings),
                examples(dataset.validation(), data.embeddings), dataset, OPTIONS, Progress.NONE);
        EvaluationReport.IntentResults expected;
        try (FeatureClassifier classifier = new FeatureClassifier(data.embeddings, offline.intents().head(), null,
                "offline")) {
            expected = new Evaluator(classifier, Progress.NONE).evaluate(dataset, Map.of()).intents();
        }

        // Then the curve's last point measures the same, to a tenth of the acceptance's 0.3 points
        EvaluationReport.IntentResults all = points.get(points.size() - 1).report().intents();
        assertThat(expected.accuracy()).isLessThan(1.0);
        assertThat(all.accuracy()).isCloseTo(expected.accuracy(), Offset.offset(0.0003));
        assertThat(all.irrelevantRecallAtThreshold()).isCloseTo(expected.irrelevantRecallAtThreshold(),
                Offset.offset(0.0003));
        // And fewer labels measure worse
        assertThat(points.get(0).report().intents().accuracy()).isLessThan(all.accuracy());
    }

    @Test
    void shouldRefuseADataSetWithoutATestSplit() {
        Data data = new Data();
        Dataset dataset = Dataset.of("clusters", data.split("train", 10), List.of(), List.of());

        assertThatThrownBy(() -> new LearningCurve(new HeadRetraining(OPTIONS, Progress.NONE),
                new LearningCurve.Settings(5, List.of(), 0), Progress.NONE).run(dataset, data.embeddings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no test split");
    }
}
