package dev.sift.modelops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.dataset.ContextTurn;
import dev.sift.modelops.dataset.DialogueTurn;
import dev.sift.modelops.dataset.Speaker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextFeaturesTest {

    private static final Map<String, float[]> EMBEDDINGS = Map.of(
            "book a table", new float[] {1, 0},
            "for how many?", new float[] {0, 1},
            "two", new float[] {2, 2},
            "at 7?", new float[] {3, 0},
            "yes", new float[] {0, 4});

    private static final DialogueTurn FIRST = new DialogueTurn("d", 0, "book a table", "Reserve", List.of());
    private static final DialogueTurn SECOND = new DialogueTurn("d", 2, "two", "Reserve", List.of(
            new ContextTurn(Speaker.USER, "book a table"), new ContextTurn(Speaker.SYSTEM, "for how many?")));
    private static final DialogueTurn THIRD = new DialogueTurn("d", 4, "yes", "Reserve", List.of(
            new ContextTurn(Speaker.USER, "two"), new ContextTurn(Speaker.SYSTEM, "at 7?")));

    private final ContextFeatures features = new ContextFeatures(EMBEDDINGS, 2);
    private final DialogueHistory history = new DialogueHistory(List.of(THIRD, FIRST, SECOND));

    @Test
    void shouldUseTheTurnAloneWithoutContext() {
        assertThat(features.row(ContextDesign.TURN, THIRD, history)).containsExactly(0, 4);
    }

    @Test
    void shouldConcatenateThePreviousSystemTurn() {
        assertThat(features.row(ContextDesign.TURN_SYSTEM, THIRD, history)).containsExactly(0, 4, 3, 0);
    }

    @Test
    void shouldConcatenateThePreviousSystemThenUserTurn() {
        assertThat(features.row(ContextDesign.TURN_SYSTEM_USER, THIRD, history)).containsExactly(0, 4, 3, 0, 2, 2);
    }

    @Test
    void shouldAddTheMeanOfTheDialoguesEarlierUserTurns() {
        // Given a third turn after "book a table" (1, 0) and "two" (2, 2)
        // Then the history block is their mean, whatever order the split lists the turns in
        assertThat(features.row(ContextDesign.TURN_SYSTEM_USER_HISTORY, THIRD, history))
                .containsExactly(0, 4, 3, 0, 2, 2, 1.5f, 1);
    }

    @Test
    void shouldFillMissingContextWithZerosKeepingTheWidth() {
        // Given the first turn of a dialogue: no system turn, no earlier user turn
        for (ContextDesign design : ContextDesign.values()) {
            float[] row = features.row(design, FIRST, history);

            // Then the row has the design's width, its own embedding first and zeros for the missing context
            assertThat(row).hasSize(design.blocks() * 2);
            assertThat(row[0]).isEqualTo(1);
            for (int i = 2; i < row.length; i++) {
                assertThat(row[i]).isZero();
            }
        }
    }
}
