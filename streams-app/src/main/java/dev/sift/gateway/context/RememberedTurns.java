package dev.sift.gateway.context;

import dev.sift.schema.ContextTurn;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;

/**
 * A thread's latest turns as text, oldest first, bounded by a count and by characters in all: what a forwarded or
 * audited request carries as its context. A turn longer than the character bound alone is cut to it (never inside a
 * surrogate pair), and older turns go first when the bound is reached.
 */
final class RememberedTurns {

    private final ArrayDeque<ContextTurn> turns;
    private int chars;

    /** @param turns the turns remembered so far, oldest first */
    RememberedTurns(Collection<ContextTurn> turns) {
        this.turns = new ArrayDeque<>(turns);
        this.chars = this.turns.stream().mapToInt(t -> t.getText().length()).sum();
    }

    /** @return no turn remembered */
    static RememberedTurns none() {
        return new RememberedTurns(List.of());
    }

    /**
     * @param turn a turn just scored
     * @param bounds how many turns and characters to keep
     */
    void remember(ContextTurn turn, ContextConfig bounds) {
        if (bounds.maxRememberedTurns() == 0) {
            return;
        }
        String text = cut(turn.getText(), bounds.maxRememberedChars());
        ContextTurn kept = text.length() == turn.getText().length() ? turn
                : new ContextTurn(turn.getSnippetId(), turn.getRole(), text);
        turns.addLast(kept);
        chars += text.length();
        while (turns.size() > bounds.maxRememberedTurns() || chars > bounds.maxRememberedChars()) {
            chars -= turns.removeFirst().getText().length();
        }
    }

    /** @return the turns, oldest first, as an unmodifiable copy */
    List<ContextTurn> turns() {
        return List.copyOf(turns);
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
