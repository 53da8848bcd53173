package dev.sift.modelops.dataset;

import java.util.List;
import java.util.Objects;

/**
 * User turns of dialogues with their context, in the splits of their source.
 *
 * @param name data set name for reports
 * @param intents every intent of the training split, sorted
 * @param train training turns
 * @param validation turns for choosing regularization (may be empty)
 * @param test held-out turns, only those whose intent the training split has
 */
public record DialogueDataset(String name, List<String> intents, List<DialogueTurn> train,
        List<DialogueTurn> validation, List<DialogueTurn> test) {

    /** Copies the lists. */
    public DialogueDataset {
        Objects.requireNonNull(name);
        intents = List.copyOf(intents);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /**
     * @return the same turns as a labeled data set (single-label, each example carrying its context), for
     *     {@code train} and {@code evaluate}
     */
    public Dataset toDataset() {
        return Dataset.of(name, snippets(train), snippets(validation), snippets(test));
    }

    private static List<LabeledSnippet> snippets(List<DialogueTurn> turns) {
        return turns.stream().map(DialogueTurn::toSnippet).toList();
    }
}
