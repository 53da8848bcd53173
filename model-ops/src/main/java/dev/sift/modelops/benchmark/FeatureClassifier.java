package dev.sift.modelops.benchmark;

import dev.sift.classifier.Classification;
import dev.sift.classifier.ClassifierStats;
import dev.sift.classifier.ModelInfo;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.modelops.train.LinearHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A classifier over embeddings computed beforehand: it looks each text's embedding up and applies trained heads in
 * Java, so that the {@link dev.sift.modelops.evaluate.Evaluator} measures many trainings without running the encoder
 * again. The fused graph computes the same scores (to float rounding).
 */
final class FeatureClassifier implements SnippetClassifier {

    private final Map<String, float[]> embeddings;
    private final LinearHead intents;
    private final LinearHead reputation;
    private final ModelInfo info;
    private final ClassifierStats stats = new ClassifierStats();

    /**
     * @param embeddings embedding of every text it will be asked about
     * @param intents the intent head, or null
     * @param reputation the reputation head, or null
     * @param version a name for reports
     */
    FeatureClassifier(Map<String, float[]> embeddings, LinearHead intents, LinearHead reputation, String version) {
        this.embeddings = embeddings;
        this.intents = intents;
        this.reputation = reputation;
        this.info = new ModelInfo(version, "precomputed embeddings", intents == null ? List.of() : intents.labels(),
                reputation == null ? List.of() : reputation.labels(), 0, "fp32");
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public List<Classification> classify(List<String> texts) {
        List<Classification> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            float[] x = embeddings.get(text);
            if (x == null) {
                throw new IllegalArgumentException("no embedding for a text of " + text.length() + " characters");
            }
            out.add(new Classification(info.intents(), intents == null ? new float[0] : intents.apply(x),
                    info.reputationClasses(), reputation == null ? new float[0] : reputation.apply(x), 0, false));
        }
        return out;
    }

    @Override
    public ClassifierStats stats() {
        return stats;
    }

    @Override
    public void close() {
        // Nothing native.
    }
}
