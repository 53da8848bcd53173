package dev.sift.modelops.dataset;

import dev.sift.classifier.context.SpokenTurn;
import java.util.List;

/**
 * How much conversation context one example may carry: a data file is untrusted input, and every earlier turn is
 * embedded, so a line that claims a thousand turns or a megabyte-long turn is refused rather than read.
 */
public final class ContextLimits {

    /** Most earlier turns one example may carry (a long support chat has well under a hundred). */
    public static final int MAX_TURNS = 256;
    /** Most characters of one earlier turn (the encoder reads far fewer tokens anyway). */
    public static final int MAX_TURN_CHARS = 10_000;

    private ContextLimits() {
    }

    /**
     * @param context an example's earlier turns
     * @throws IllegalArgumentException when they exceed a limit
     */
    public static void check(List<SpokenTurn> context) {
        if (context.size() > MAX_TURNS) {
            throw new IllegalArgumentException("the context holds " + context.size() + " turns, more than "
                    + MAX_TURNS);
        }
        for (int i = 0; i < context.size(); i++) {
            int length = context.get(i).text().length();
            if (length > MAX_TURN_CHARS) {
                throw new IllegalArgumentException("context turn " + (i + 1) + " holds " + length
                        + " characters, more than " + MAX_TURN_CHARS);
            }
        }
    }
}
