package dev.sift.modelops.dataset;

import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds whole dialogues from user turns that each carry only the last exchange before them (the user turn before
 * and the service's answer): each turn's context becomes every earlier turn of its dialogue in order (user turn,
 * service answer, user turn, ...), what a gateway that saw the whole conversation would have seen. Where the source
 * leaves user turns out (its turn numbers skip), the history keeps the exchange it gives before the next listed
 * turn.
 */
final class DialogueHistory {

    private DialogueHistory() {
    }

    /**
     * @param turns the user turns of one split, each with the turns the source gives before it
     * @return the same turns, in the same order, each with its dialogue's whole earlier history
     */
    static List<DialogueTurn> rebuild(List<DialogueTurn> turns) {
        Map<String, List<DialogueTurn>> byDialogue = new LinkedHashMap<>();
        turns.forEach(t -> byDialogue.computeIfAbsent(t.dialogue(), d -> new ArrayList<>()).add(t));
        Map<DialogueTurn, DialogueTurn> rebuilt = new IdentityHashMap<>();
        for (List<DialogueTurn> dialogue : byDialogue.values()) {
            List<DialogueTurn> ordered = new ArrayList<>(dialogue);
            ordered.sort(Comparator.comparingInt(DialogueTurn::index));
            List<SpokenTurn> history = new ArrayList<>();
            String previous = null;
            for (DialogueTurn turn : ordered) {
                history.addAll(newTurns(turn.context(), previous));
                rebuilt.put(turn, turn.withContext(history));
                history.add(new SpokenTurn(TurnRole.CUSTOMER, turn.text()));
                previous = turn.text();
            }
        }
        return turns.stream().map(rebuilt::get).toList();
    }

    /**
     * What the source's context adds to the history: the turns after the previous user turn when it repeats that
     * turn; all of it when it does not (a dialogue's first listed turn, or user turns the source left out: what it
     * gives of them is more than nothing).
     */
    private static List<SpokenTurn> newTurns(List<SpokenTurn> given, String previous) {
        for (int i = given.size() - 1; i >= 0; i--) {
            if (given.get(i).role() == TurnRole.CUSTOMER) {
                return given.get(i).text().equals(previous) ? given.subList(i + 1, given.size()) : given;
            }
        }
        return given;
    }
}
