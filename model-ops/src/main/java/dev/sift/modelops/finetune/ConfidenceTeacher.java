package dev.sift.modelops.finetune;

import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import java.util.List;
import java.util.Map;

/**
 * The labels' own confidences as the teacher: where an example's labeler gave a confidence for one of the student's
 * intents (the LLM labeler of the learning loop does, per intent it scored), that confidence is the soft target;
 * everywhere else, including every example a reviewer labeled, the hard label alone is learned. Confidences of intents
 * the student does not have are ignored.
 */
public final class ConfidenceTeacher implements DistillationTeacher {

    @Override
    public String identity() {
        // The confidences themselves are part of each example, which already decides the fine-tuned graph's key.
        return "label confidences";
    }

    @Override
    public SoftTargets probabilities(List<LabeledSnippet> examples, TaskLabels labels, Progress progress) {
        if (labels.fromPolarity()) {
            throw new IllegalArgumentException("label confidences are per intent, and this student learns"
                    + " polarities: the data set has no intents");
        }
        int width = labels.names().size();
        float[][] probabilities = new float[examples.size()][width];
        boolean[][] known = new boolean[examples.size()][width];
        for (int i = 0; i < examples.size(); i++) {
            Map<String, Float> confidences = examples.get(i).confidences();
            for (int j = 0; j < width; j++) {
                Float confidence = confidences.get(labels.names().get(j));
                if (confidence != null) {
                    probabilities[i][j] = confidence;
                    known[i][j] = true;
                }
            }
        }
        SoftTargets targets = new SoftTargets(labels.names(), probabilities, known, identity());
        if (targets.coveredExamples() == 0) {
            throw new IllegalArgumentException("no training example carries a confidence for any of the student's"
                    + " intents: nothing to distill from (the learning loop's LLM labels carry them)");
        }
        return targets;
    }
}
