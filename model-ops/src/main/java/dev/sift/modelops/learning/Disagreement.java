package dev.sift.modelops.learning;

import java.util.Collection;
import java.util.Collections;

/**
 * Whether the teacher and the model disagree about a snippet, the drift signal of the learning loop: they agree when
 * both find it irrelevant (the model matched no intent, the teacher gave none) or when they share at least one intent;
 * they disagree when one finds it relevant and the other not, or when their intents have nothing in common. Partial
 * overlaps (the model saw a complaint, the teacher a complaint and a refund request) are agreement: the filter's
 * decision was right.
 */
public final class Disagreement {

    private Disagreement() {
    }

    /**
     * @param modelIntents the intents the model matched
     * @param teacherIntents the intents the teacher labeled
     * @return whether they disagree
     */
    public static boolean disagrees(Collection<String> modelIntents, Collection<String> teacherIntents) {
        if (modelIntents.isEmpty() || teacherIntents.isEmpty()) {
            return modelIntents.isEmpty() != teacherIntents.isEmpty();
        }
        return Collections.disjoint(modelIntents, teacherIntents);
    }
}
