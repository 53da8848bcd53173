package dev.sift.modelops.benchmark;

import dev.sift.modelops.dataset.DialogueTurn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The user turns of each dialogue of a split, in order: what a gateway that saw the whole conversation would know
 * before a given turn.
 */
final class DialogueHistory {

    private final Map<String, List<DialogueTurn>> byDialogue = new HashMap<>();

    /** @param turns the user turns of one split (all turns of a dialogue in the same split) */
    DialogueHistory(List<DialogueTurn> turns) {
        for (DialogueTurn turn : turns) {
            byDialogue.computeIfAbsent(turn.dialogue(), d -> new ArrayList<>()).add(turn);
        }
        byDialogue.values().forEach(list -> list.sort(Comparator.comparingInt(DialogueTurn::index)));
    }

    /**
     * @param turn a turn of the split
     * @return the texts of the same dialogue's user turns before it, oldest first
     */
    List<String> earlierUserTexts(DialogueTurn turn) {
        List<String> out = new ArrayList<>();
        for (DialogueTurn other : byDialogue.getOrDefault(turn.dialogue(), List.of())) {
            if (other.index() < turn.index()) {
                out.add(other.text());
            }
        }
        return out;
    }
}
