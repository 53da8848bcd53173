package dev.sift.modelops.dataset;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A labeled data set with its splits.
 *
 * @param name data set name for reports
 * @param intents every intent label, sorted
 * @param train training examples
 * @param validation examples for choosing regularization and calibrating; empty when the set has none
 *     (cross-validation on train is used instead)
 * @param test held-out examples; empty when the set has none
 * @param singleLabel whether each example has at most one intent (accuracy is then the main metric)
 */
public record Dataset(String name, List<String> intents, List<LabeledSnippet> train, List<LabeledSnippet> validation,
        List<LabeledSnippet> test, boolean singleLabel) {

    /** Copies the lists. */
    public Dataset {
        Objects.requireNonNull(name);
        intents = List.copyOf(intents);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /**
     * Builds a data set, deriving the intent labels and the single-label flag from the examples.
     *
     * @param name data set name
     * @param train training examples
     * @param validation validation examples (may be empty)
     * @param test test examples (may be empty)
     * @return the data set
     */
    public static Dataset of(String name, List<LabeledSnippet> train, List<LabeledSnippet> validation,
            List<LabeledSnippet> test) {
        TreeSet<String> labels = new TreeSet<>();
        boolean single = true;
        for (List<LabeledSnippet> split : List.of(train, validation, test)) {
            for (LabeledSnippet s : split) {
                labels.addAll(s.intents());
                single &= s.intents().size() <= 1;
            }
        }
        return new Dataset(name, List.copyOf(labels), train, validation, test, single);
    }

    /** @return whether any training example has intents */
    public boolean hasIntents() {
        return !intents.isEmpty();
    }

    /** @return whether training examples carry polarity labels */
    public boolean hasPolarity() {
        return train.stream().anyMatch(s -> s.polarity() != null);
    }
}
