package dev.sift.modelops.benchmark;

import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.FeatureExtractor;
import dev.sift.modelops.evaluate.EvaluationReport;
import dev.sift.modelops.evaluate.Evaluator;
import dev.sift.modelops.retrain.HeadRetraining;
import dev.sift.modelops.retrain.TrainingSet;
import dev.sift.modelops.train.Examples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How the learning loop's heads improve as teacher labels arrive. The training split is cut into a starter set of a
 * few examples per intent and a stream of traffic ({@link TrafficStream}) whose labels stand for the teacher's. At
 * each checkpoint the heads are retrained by the loop's own call ({@link HeadRetraining#trainHeads(Examples, Examples,
 * Dataset)}) on the starter set plus the labels so far, the way a retraining puts them together ({@link TrainingSet}:
 * the static training examples, then the feedback), with the data set's validation split for cost selection,
 * calibration and the relevance threshold, and measured on its test split by the {@link Evaluator}, as
 * {@code evaluate} measures. The split is embedded once (through the feature cache); each checkpoint costs one head
 * training.
 */
public final class LearningCurve {

    /**
     * What to run.
     *
     * @param starterPerIntent labels per intent the first heads are trained on
     * @param checkpoints labels per intent after which the heads are retrained and measured (the starter set's
     *     size and "all" are always measured)
     * @param seed seed of the order of the traffic
     */
    public record Settings(int starterPerIntent, List<Integer> checkpoints, long seed) {

        /** Copies. */
        public Settings {
            checkpoints = List.copyOf(checkpoints);
        }
    }

    /**
     * The heads after one checkpoint, measured on the test split.
     *
     * @param labelsPerIntent labels per intent trained on (the largest group's, after the last round)
     * @param all whether all of the training split was trained on
     * @param trainExamples examples trained on
     * @param fitSeconds wall time of the head training
     * @param intentCost the cost the intent head was chosen at
     * @param report the test figures
     */
    public record Point(int labelsPerIntent, boolean all, int trainExamples, double fitSeconds, double intentCost,
            EvaluationReport report) {
    }

    private final HeadRetraining retraining;
    private final Settings settings;
    private final Progress progress;

    /**
     * @param retraining the learning loop's head training
     * @param settings starter set, checkpoints and seed
     * @param progress progress reporting
     */
    public LearningCurve(HeadRetraining retraining, Settings settings, Progress progress) {
        this.retraining = retraining;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * @param dataset labeled data with intents and a test split (a validation split for the relevance threshold)
     * @param extractor the encoder's features
     * @return one point per checkpoint, fewest labels first
     */
    public List<Point> run(Dataset dataset, FeatureExtractor extractor) {
        requireIntentsAndTest(dataset);
        Map<String, float[]> embeddings = new HashMap<>();
        embed(extractor, dataset.train(), "train split", embeddings);
        embed(extractor, dataset.validation(), "validation split", embeddings);
        embed(extractor, dataset.test(), "test split", embeddings);
        return run(dataset, embeddings);
    }

    /**
     * @param dataset labeled data with intents and a test split
     * @param embeddings the embedding of every text of the data set
     * @return one point per checkpoint, fewest labels first
     */
    List<Point> run(Dataset dataset, Map<String, float[]> embeddings) {
        requireIntentsAndTest(dataset);
        Examples validation = dataset.validation().isEmpty() ? null : examples(dataset.validation(), embeddings);
        TrafficStream stream = TrafficStream.of(dataset.train(), settings.starterPerIntent(), settings.seed());
        TreeSet<Integer> levels = new TreeSet<>();
        levels.add(settings.starterPerIntent());
        settings.checkpoints().stream().filter(c -> c > settings.starterPerIntent() && c < stream.allPerGroup())
                .forEach(levels::add);
        levels.add(stream.allPerGroup());
        List<Point> points = new ArrayList<>();
        for (int level : levels) {
            List<LabeledSnippet> feedback = stream.until(level);
            List<LabeledSnippet> train = new ArrayList<>(stream.starter());
            train.addAll(feedback);
            TrainingSet set = new TrainingSet(dataset.name() + "+traffic-" + level, train, dataset.validation(),
                    dataset.test());
            Dataset data = set.dataset(dataset.intents());
            long start = System.nanoTime();
            BundleTraining.Heads heads = retraining.trainHeads(examples(train, embeddings), validation, data);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cost = heads.intents() == null ? Double.NaN : heads.intents().head().regularization();
            Map<String, Object> selection = new LinkedHashMap<>();
            selection.put("labelsPerIntent", level);
            selection.put("intentCost", cost);
            selection.put("fitSeconds", seconds);
            try (FeatureClassifier classifier = new FeatureClassifier(embeddings,
                    heads.intents() == null ? null : heads.intents().head(),
                    heads.reputation() == null ? null : heads.reputation().head(), set.name())) {
                EvaluationReport report = new Evaluator(classifier, Progress.NONE).evaluate(data, selection);
                points.add(new Point(level, feedback.size() == stream.traffic().size(), train.size(), seconds, cost,
                        report));
            }
        }
        return points;
    }

    private static void requireIntentsAndTest(Dataset dataset) {
        if (!dataset.hasIntents() || dataset.test().isEmpty()) {
            throw new IllegalArgumentException("a learning curve needs a data set with intents and a test split: "
                    + dataset.name() + " has " + (dataset.hasIntents() ? "no test split" : "no intents"));
        }
    }

    private void embed(FeatureExtractor extractor, List<LabeledSnippet> split, String label,
            Map<String, float[]> into) {
        if (split.isEmpty()) {
            return;
        }
        Examples examples = BundleTraining.embed(extractor, split, label, progress);
        for (int i = 0; i < split.size(); i++) {
            into.put(split.get(i).text(), examples.x()[i]);
        }
    }

    private static Examples examples(List<LabeledSnippet> snippets, Map<String, float[]> embeddings) {
        return new Examples(snippets.stream().map(s -> embeddings.get(s.text())).toArray(float[][]::new),
                snippets.stream().map(LabeledSnippet::intents).toList(),
                snippets.stream().map(LabeledSnippet::polarity).toList());
    }
}
