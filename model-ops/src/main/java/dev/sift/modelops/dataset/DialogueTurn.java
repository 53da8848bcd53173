package dev.sift.modelops.dataset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user turn labeled with the dialogue's active intent, with the turns before it.
 *
 * @param dialogue the dialogue it belongs to
 * @param index its position in the dialogue (as the source numbers turns)
 * @param text what the user said
 * @param intent the active intent
 * @param context the turns before it, oldest first
 */
public record DialogueTurn(String dialogue, int index, String text, String intent, List<ContextTurn> context) {

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
     * @param speaker whose turn
     * @return the text of the latest context turn by that speaker, if any
     */
    public Optional<String> previous(Speaker speaker) {
        for (int i = context.size() - 1; i >= 0; i--) {
            if (context.get(i).speaker() == speaker) {
                return Optional.of(context.get(i).text());
            }
        }
        return Optional.empty();
    }
}
