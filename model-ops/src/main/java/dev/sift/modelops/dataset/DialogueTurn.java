package dev.sift.modelops.dataset;

import dev.sift.classifier.context.SpokenTurn;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user turn labeled with the dialogue's active intent, with the turns before it.
 *
 * @param dialogue the dialogue it belongs to
 * @param index its position in the dialogue (as the source numbers turns)
 * @param text what the user said
 * @param intent the active intent
 * @param context the dialogue's turns before it, oldest first
 */
public record DialogueTurn(String dialogue, int index, String text, String intent, List<SpokenTurn> context) {

    /** Validates and copies. */
    public DialogueTurn {
        Objects.requireNonNull(dialogue, "dialogue");
        if (text == null) {
            throw new IllegalArgumentException("a turn needs a text");
        }
        if (intent == null || intent.isBlank()) {
            throw new IllegalArgumentException("a turn needs an intent");
        }
        context = List.copyOf(context);
    }

    /**
     * @param earlier the dialogue's turns before this one, oldest first
     * @return this turn with that context
     */
    public DialogueTurn withContext(List<SpokenTurn> earlier) {
        return new DialogueTurn(dialogue, index, text, intent, earlier);
    }

    /** @return the turn as a labeled example carrying its context */
    public LabeledSnippet toSnippet() {
        return new LabeledSnippet(text, Set.of(intent), null, null, context);
    }
}
