package dev.sift.modelops.learning;

import dev.sift.schema.LabelOrigin;

/**
 * Which of two labels of one snippet counts: a human's over the LLM teacher's over a rule's, and within one origin the
 * latest label time ({@code labeledAt}); at equal times the one read later. This is the rule the
 * {@code SnippetFeedback} schema states; every conflict of the learning loop is settled here.
 */
public final class LabelPrecedence {

    private LabelPrecedence() {
    }

    /**
     * @param challenger a label read now
     * @param incumbent the label kept so far for the same snippet
     * @return whether the challenger replaces the incumbent
     */
    public static boolean overrides(SnippetLabel challenger, SnippetLabel incumbent) {
        int byOrigin = Integer.compare(rank(challenger.origin()), rank(incumbent.origin()));
        if (byOrigin != 0) {
            return byOrigin < 0;
        }
        return challenger.labeledAt() >= incumbent.labeledAt();
    }

    private static int rank(LabelOrigin origin) {
        return switch (origin) {
            case HUMAN -> 0;
            case LLM -> 1;
            case RULE -> 2;
        };
    }
}
