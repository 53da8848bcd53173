package dev.sift.modelops.finetune;

import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import java.util.List;

/**
 * Where the student's soft targets come from. (Not the labeling teacher of {@code dev.sift.modelops.label}, which
 * writes hard labels: this one gives a probability per label for examples that are already labeled.)
 */
public interface DistillationTeacher {

    /**
     * @return what decides the probabilities (e.g. a bundle's version and file digests): part of the key under which
     *     a fine-tuned graph is reused, so a different teacher trains a different graph
     */
    String identity();

    /**
     * @param examples the training examples, in order
     * @param labels the student's labels
     * @param progress progress reporting
     * @return one row of probabilities per example
     * @throws IllegalArgumentException when the teacher has none of the student's labels
     */
    SoftTargets probabilities(List<LabeledSnippet> examples, TaskLabels labels, Progress progress);
}
