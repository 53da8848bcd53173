package dev.sift.modelops.dataset;

import java.util.Set;

/**
 * One labeled example.
 *
 * @param text the snippet
 * @param intents its true intents; empty when irrelevant (e.g. CLINC150 out-of-scope)
 * @param polarity {@code negative}, {@code neutral} or {@code positive}, or {@code null} when not labeled
 * @param brand the brand it is about, or {@code null}
 */
public record LabeledSnippet(String text, Set<String> intents, String polarity, String brand) {

    /** Validates and copies. */
    public LabeledSnippet {
        if (text == null) {
            throw new IllegalArgumentException("an example needs a text");
        }
        intents = intents == null ? Set.of() : Set.copyOf(intents);
        if (polarity != null && !Polarities.ALL.contains(polarity)) {
            throw new IllegalArgumentException("unknown polarity '" + polarity + "' (expected one of "
                    + Polarities.ALL + ")");
        }
    }

    /** @return whether the example has at least one intent */
    public boolean relevant() {
        return !intents.isEmpty();
    }
}
