package dev.sift.modelops.finetune;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.evaluate.ContextUse;
import dev.sift.modelops.evaluate.LabeledScoring;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * Another model bundle as the teacher: it scores the training texts through the runtime the gateways use (a
 * context-aware bundle reads each example's earlier turns, as {@link LabeledScoring} replays them), and its outputs
 * are matched to the student's labels by name: intents to intents, or its reputation head to polarity labels.
 */
public final class BundleTeacher implements DistillationTeacher {

    private final ModelBundle bundle;
    private final int threads;

    /**
     * @param directory the teacher bundle's directory (verified like any bundle: manifest and file digests)
     * @param threads ONNX Runtime threads for scoring
     */
    public BundleTeacher(Path directory, int threads) {
        this.bundle = ModelBundle.open(directory);
        this.threads = threads;
    }

    @Override
    public String identity() {
        return "bundle " + bundle.version() + " " + new TreeMap<>(bundle.manifest().files());
    }

    @Override
    public SoftTargets probabilities(List<LabeledSnippet> examples, TaskLabels labels, Progress progress) {
        BundleManifest manifest = bundle.manifest();
        List<String> teacherLabels = (labels.fromPolarity() ? manifest.reputation() : manifest.intents())
                .map(BundleManifest.Head::labels).orElse(List.of());
        boolean[] known = new boolean[labels.names().size()];
        int overlap = 0;
        for (int j = 0; j < known.length; j++) {
            known[j] = teacherLabels.contains(labels.names().get(j));
            overlap += known[j] ? 1 : 0;
        }
        if (overlap == 0) {
            // Checked before scoring: with no label in common the teacher could teach nothing, and a mismatch (the
            // wrong bundle, intents renamed) should stop the run at once, not after minutes of scoring.
            throw new IllegalArgumentException("teacher bundle " + bundle.version() + " has none of the student's "
                    + (labels.fromPolarity() ? "polarities" : "intents") + ": the teacher has "
                    + preview(teacherLabels) + ", the student " + preview(labels.names()));
        }
        List<Classification> scores;
        try (SnippetClassifier classifier = OnnxClassifier.open(bundle,
                InferenceSettings.defaults().withIntraOpThreads(threads).withMaxBatchSize(64))) {
            scores = LabeledScoring.classify(classifier, examples, ContextUse.WITH_CONTEXT, progress,
                    "training texts with the teacher");
        }
        float[][] probabilities = new float[examples.size()][known.length];
        for (int i = 0; i < scores.size(); i++) {
            Classification c = scores.get(i);
            for (int j = 0; j < known.length; j++) {
                if (known[j]) {
                    String label = labels.names().get(j);
                    probabilities[i][j] = labels.fromPolarity() ? c.reputation(label) : c.intent(label);
                }
            }
        }
        return SoftTargets.perLabel(labels.names(), probabilities, known, "bundle " + bundle.version());
    }

    private static String preview(List<String> names) {
        return names.isEmpty() ? "no labels"
                : names.size() <= 8 ? names.toString()
                : names.subList(0, 8) + " and " + (names.size() - 8) + " more";
    }
}
