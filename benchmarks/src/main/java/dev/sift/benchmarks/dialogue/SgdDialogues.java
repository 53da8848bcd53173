package dev.sift.benchmarks.dialogue;

import dev.sift.classifier.context.SpokenTurn;
import dev.sift.modelops.dataset.DialogueDataset;
import dev.sift.modelops.dataset.DialogueTurn;
import dev.sift.modelops.dataset.SgdReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Schema-Guided Dialogue's test dialogues as {@link ReplayedDialogue}s: each dialogue's turns up to its last labeled
 * customer turn (whose context holds every turn before it), the customer turns whose intent the training split has
 * labeled with it.
 */
public final class SgdDialogues {

    private SgdDialogues() {
    }

    /**
     * @param file SGD turns in Sift's JSON Lines form
     * @param count how many test dialogues, drawn at random (all when larger)
     * @param seed seed of the draw
     * @return the dialogues, in the draw's order
     */
    public static List<ReplayedDialogue> test(Path file, int count, long seed) {
        DialogueDataset data = SgdReader.read(file);
        Map<String, List<DialogueTurn>> byDialogue = new LinkedHashMap<>();
        for (DialogueTurn turn : data.test()) {
            byDialogue.computeIfAbsent(turn.dialogue(), d -> new ArrayList<>()).add(turn);
        }
        List<String> ids = new ArrayList<>(byDialogue.keySet());
        Collections.shuffle(ids, new Random(seed));
        List<ReplayedDialogue> out = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(count, ids.size()))) {
            out.add(dialogue(id, byDialogue.get(id)));
        }
        return out;
    }

    private static ReplayedDialogue dialogue(String id, List<DialogueTurn> labeled) {
        labeled.sort(Comparator.comparingInt(t -> t.context().size()));
        DialogueTurn last = labeled.get(labeled.size() - 1);
        Map<Integer, String> intentAt = new LinkedHashMap<>();
        labeled.forEach(t -> intentAt.put(t.context().size(), t.intent()));
        List<ReplayedDialogue.Turn> turns = new ArrayList<>();
        List<SpokenTurn> spoken = new ArrayList<>(last.context());
        spoken.add(new SpokenTurn(dev.sift.classifier.context.TurnRole.CUSTOMER, last.text()));
        for (int i = 0; i < spoken.size(); i++) {
            turns.add(new ReplayedDialogue.Turn(spoken.get(i), intentAt.get(i)));
        }
        return new ReplayedDialogue("sgd-" + id, turns);
    }
}
