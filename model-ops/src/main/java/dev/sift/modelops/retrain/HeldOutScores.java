package dev.sift.modelops.retrain;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import java.util.ArrayList;
import java.util.List;

/** A bundle's intent probabilities on held-out texts, through the runtime the gateways use. */
public final class HeldOutScores {

    private static final int BATCH = 128;

    private HeldOutScores() {
    }

    /**
     * @param bundle the bundle
     * @param texts held-out texts
     * @param labels the intents to report, in order
     * @return {@code [text][label]}: the bundle's probability, 0 for an intent it does not have
     */
    public static float[][] of(ModelBundle bundle, List<String> texts, List<String> labels) {
        List<Classification> scores = new ArrayList<>(texts.size());
        try (SnippetClassifier classifier = OnnxClassifier.open(bundle, InferenceSettings.defaults())) {
            for (int start = 0; start < texts.size(); start += BATCH) {
                scores.addAll(classifier.classify(texts.subList(start, Math.min(texts.size(), start + BATCH))));
            }
        }
        float[][] probs = new float[texts.size()][labels.size()];
        for (int i = 0; i < scores.size(); i++) {
            Classification c = scores.get(i);
            for (int k = 0; k < labels.size(); k++) {
                probs[i][k] = c.intents().contains(labels.get(k)) ? c.intent(labels.get(k)) : 0f;
            }
        }
        return probs;
    }
}
