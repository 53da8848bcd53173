package dev.sift.modelops.retrain;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.evaluate.LabeledScoring;
import java.util.List;

/** A bundle's intent probabilities on held-out texts, through the runtime the gateways use. */
public final class HeldOutScores {

    private HeldOutScores() {
    }

    /**
     * @param bundle the bundle
     * @param heldOut held-out examples (a context-aware bundle reads their context)
     * @param labels the intents to report, in order
     * @return {@code [example][label]}: the bundle's probability, 0 for an intent it does not have
     */
    public static float[][] of(ModelBundle bundle, List<LabeledSnippet> heldOut, List<String> labels) {
        List<Classification> scores;
        try (SnippetClassifier classifier = OnnxClassifier.open(bundle, InferenceSettings.defaults())) {
            scores = LabeledScoring.classify(classifier, heldOut);
        }
        float[][] probs = new float[heldOut.size()][labels.size()];
        for (int i = 0; i < scores.size(); i++) {
            Classification c = scores.get(i);
            for (int k = 0; k < labels.size(); k++) {
                probs[i][k] = c.intents().contains(labels.get(k)) ? c.intent(labels.get(k)) : 0f;
            }
        }
        return probs;
    }
}
