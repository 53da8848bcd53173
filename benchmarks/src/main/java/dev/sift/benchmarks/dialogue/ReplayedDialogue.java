package dev.sift.benchmarks.dialogue;

import dev.sift.classifier.context.SpokenTurn;
import java.util.List;

/**
 * One dialogue to replay, every turn in order.
 *
 * @param id the dialogue id (the conversation id it is replayed under)
 * @param turns its turns, oldest first
 */
public record ReplayedDialogue(String id, List<Turn> turns) {

    /** Copies. */
    public ReplayedDialogue {
        turns = List.copyOf(turns);
    }

    /**
     * One turn.
     *
     * @param spoken who said what
     * @param intent the active intent a customer turn is labeled with, or {@code null} (service turns)
     */
    public record Turn(SpokenTurn spoken, String intent) {
    }

    /**
     * @param index a turn's position
     * @return the turns before it
     */
    public List<SpokenTurn> earlier(int index) {
        return turns.subList(0, index).stream().map(Turn::spoken).toList();
    }

    /**
     * @param index a turn's position
     * @return the snippet id it is replayed under
     */
    public String snippetId(int index) {
        return id + "/" + index;
    }
}
