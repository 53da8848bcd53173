package dev.sift.modelops.optimize;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.dataset.Polarities;
import dev.sift.modelops.evaluate.LabeledScoring;
import dev.sift.modelops.evaluate.Metrics;
import dev.sift.modelops.train.HeadTrainer;
import java.util.List;

/**
 * The one number the accuracy gate compares: top-intent accuracy for single-label intent data (CLINC150), micro-F1
 * at 0.5 for multi-label intent data, polarity accuracy for reputation-only data.
 */
public final class MainMetric {

    private MainMetric() {
    }

    /**
     * @param dataset the data set (for its kind and labels)
     * @return the metric's name
     */
    public static String name(Dataset dataset) {
        if (!dataset.hasIntents()) {
            return "reputation accuracy";
        }
        return dataset.singleLabel() ? "intent accuracy" : "intent micro-F1@0.5";
    }

    /**
     * @param classifier a candidate
     * @param dataset the data set (for its kind and labels)
     * @param heldOut labeled snippets the candidate never trained on (a context-aware candidate reads their context)
     * @return the metric in [0, 1]
     */
    public static double measure(SnippetClassifier classifier, Dataset dataset, List<LabeledSnippet> heldOut) {
        List<Classification> scores = LabeledScoring.classify(classifier, heldOut);
        if (!dataset.hasIntents()) {
            int hits = 0;
            int n = 0;
            for (int i = 0; i < heldOut.size(); i++) {
                String truth = heldOut.get(i).polarity();
                if (truth != null) {
                    n++;
                    hits += Polarities.ALL.get(Metrics.argmax(scores.get(i).reputationScores())).equals(truth) ? 1 : 0;
                }
            }
            return n == 0 ? Double.NaN : (double) hits / n;
        }
        List<String> labels = dataset.intents();
        float[][] probs = new float[scores.size()][labels.size()];
        for (int i = 0; i < scores.size(); i++) {
            for (int k = 0; k < labels.size(); k++) {
                probs[i][k] = scores.get(i).intents().contains(labels.get(k)) ? scores.get(i).intent(labels.get(k)) : 0f;
            }
        }
        boolean[][] truth = HeadTrainer.truth(heldOut.stream().map(LabeledSnippet::intents).toList(), labels);
        return dataset.singleLabel() ? Metrics.topLabelAccuracy(probs, truth) : Metrics.microF1(probs, truth, 0.5);
    }
}
