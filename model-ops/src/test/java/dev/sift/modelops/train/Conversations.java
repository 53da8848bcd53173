package dev.sift.modelops.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Rows of one synthetic conversation data set. Turn block: dimension 0 or 1 for a clear turn of that intent, 2 for
 * a clear turn of no intent, 3 for a short reply. Context block: dimension 0 or 1 for the service's offer of that
 * intent, 2 for a small question, 3 for a greeting. Every value gets a little noise.
 */
final class Conversations {

    static final int TURN = 6;
    static final int NONE = -1;
    static final List<String> INTENTS = List.of("cancel", "book");

    private final Random random;
    private final List<float[]> x = new ArrayList<>();
    private final List<Set<String>> intents = new ArrayList<>();

    Conversations(long seed) {
        this.random = new Random(seed);
    }

    /** Clear turns of each intent (and of none) after an offer of that same intent (none: a greeting). */
    Conversations clearTurnsAfterTheirOwnOffer(int each) {
        for (int intent : new int[] {0, 1, NONE}) {
            for (int i = 0; i < each; i++) {
                add(intent == NONE ? 2 : intent, intent == NONE ? 3 : intent, intent);
            }
        }
        return this;
    }

    /** Clear turns of each intent (and of none) after an offer of either intent or a small question, at random. */
    Conversations clearTurnsAfterAnyOffer(int each) {
        for (int intent : new int[] {0, 1, NONE}) {
            for (int i = 0; i < each; i++) {
                add(intent == NONE ? 2 : intent, random.nextInt(3), intent);
            }
        }
        return this;
    }

    /** Clear turns of each intent (and of none) after a greeting. */
    Conversations clearTurnsAfterAGreeting(int each) {
        for (int intent : new int[] {0, 1, NONE}) {
            for (int i = 0; i < each; i++) {
                add(intent == NONE ? 2 : intent, 3, intent);
            }
        }
        return this;
    }

    /** Short replies after an offer of each intent (meaning it) and after a small question (meaning nothing). */
    Conversations shortReplies(int each) {
        for (int offer : new int[] {0, 1, NONE}) {
            for (int i = 0; i < each; i++) {
                add(3, offer == NONE ? 2 : offer, offer);
            }
        }
        return this;
    }

    /** Short replies after a small question: they mean nothing. */
    Conversations shortRepliesToSmallQuestions(int count) {
        for (int i = 0; i < count; i++) {
            add(3, 2, NONE);
        }
        return this;
    }

    private void add(int turnDimension, int contextDimension, int intent) {
        float[] row = new float[2 * TURN];
        row[turnDimension] = 1f;
        row[TURN + contextDimension] = 1f;
        for (int d = 0; d < row.length; d++) {
            row[d] += (float) (random.nextGaussian() * 0.2);
        }
        x.add(row);
        intents.add(intent == NONE ? Set.of() : Set.of(INTENTS.get(intent)));
    }

    Examples examples() {
        List<String> polarities = new ArrayList<>();
        x.forEach(r -> polarities.add(null));
        return new Examples(x.toArray(float[][]::new), List.copyOf(intents), polarities);
    }
}
