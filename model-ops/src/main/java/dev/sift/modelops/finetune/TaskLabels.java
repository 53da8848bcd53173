package dev.sift.modelops.finetune;

import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.dataset.Polarities;
import java.util.List;

/**
 * The labels the encoder learns from: the data set's intents (multi-label, an example may have none), or its
 * polarities when it has no intents (brand reputation data).
 *
 * @param names the label names: a column of the head each
 * @param fromPolarity whether the labels are polarities
 */
public record TaskLabels(List<String> names, boolean fromPolarity) {

    /**
     * @param dataset labeled data
     * @return its labels
     */
    public static TaskLabels of(Dataset dataset) {
        if (dataset.hasIntents()) {
            return new TaskLabels(dataset.intents(), false);
        }
        if (dataset.hasPolarity()) {
            return new TaskLabels(Polarities.ALL, true);
        }
        throw new IllegalArgumentException("data set " + dataset.name() + " has neither intents nor polarities");
    }

    /**
     * @param snippet a labeled snippet
     * @return its multi-hot target row
     */
    public float[] target(LabeledSnippet snippet) {
        float[] row = new float[names.size()];
        if (fromPolarity) {
            int i = snippet.polarity() == null ? -1 : names.indexOf(snippet.polarity());
            if (i >= 0) {
                row[i] = 1f;
            }
        } else {
            for (String intent : snippet.intents()) {
                int i = names.indexOf(intent);
                if (i >= 0) {
                    row[i] = 1f;
                }
            }
        }
        return row;
    }
}
