package dev.sift.modelops.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.context.ContextSlot;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.ThreadMemory;
import dev.sift.classifier.context.TurnRole;
import dev.sift.modelops.benchmark.ContextDesign;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.train.Examples;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TurnFeaturesTest {

    private static final Map<String, float[]> EMBEDDINGS = Map.of(
            "book a table", new float[] {1, 0},
            "for how many?", new float[] {0, 1},
            "two", new float[] {2, 2},
            "at 7?", new float[] {3, 0},
            "yes", new float[] {0, 4});

    /** The third user turn of a dialogue, with its whole earlier history. */
    private static final List<SpokenTurn> BEFORE_YES = List.of(
            new SpokenTurn(TurnRole.CUSTOMER, "book a table"), new SpokenTurn(TurnRole.SERVICE, "for how many?"),
            new SpokenTurn(TurnRole.CUSTOMER, "two"), new SpokenTurn(TurnRole.SERVICE, "at 7?"));

    private final TurnFeatures features = new TurnFeatures(EMBEDDINGS, 2);

    @Test
    void shouldUseTheTurnAloneWithoutSlots() {
        assertThat(features.row("yes", BEFORE_YES, ContextDesign.TURN.slots())).containsExactly(0, 4);
    }

    @Test
    void shouldAppendThePreviousServiceThenCustomerTurn() {
        assertThat(features.row("yes", BEFORE_YES, ContextDesign.TURN_SYSTEM.slots())).containsExactly(0, 4, 3, 0);
        assertThat(features.row("yes", BEFORE_YES, ContextDesign.TURN_SYSTEM_USER.slots()))
                .containsExactly(0, 4, 3, 0, 2, 2);
    }

    @Test
    void shouldAppendExactlyWhatTheThreadMemoryHoldsForTheHistoryDesign() {
        // Given the thread's memory folded as a gateway folds it
        ThreadMemory memory = ThreadMemory.empty(2);
        for (SpokenTurn turn : BEFORE_YES) {
            memory = memory.after(turn.role(), EMBEDDINGS.get(turn.text()));
        }

        // When the history design's row is built
        float[] row = features.row("yes", BEFORE_YES, ContextDesign.TURN_SYSTEM_USER_HISTORY_SERVICE.slots());

        // Then it is the turn followed by the memory's features of every slot: the mean of "book a table" (1, 0)
        // and "two" (2, 2), then the mean of "for how many?" (0, 1) and "at 7?" (3, 0)
        assertThat(ContextDesign.TURN_SYSTEM_USER_HISTORY_SERVICE.slots()).containsExactly(ContextSlot.values());
        float[] expected = new float[10];
        System.arraycopy(EMBEDDINGS.get("yes"), 0, expected, 0, 2);
        System.arraycopy(memory.features(List.of(ContextSlot.values())), 0, expected, 2, 8);
        assertThat(row).containsExactly(expected);
        assertThat(row).containsExactly(0, 4, 3, 0, 2, 2, 1.5f, 1, 1.5f, 0.5f);
    }

    @Test
    void shouldFillMissingContextWithZerosKeepingTheWidth() {
        // Given the first turn of a dialogue: no service turn, no earlier customer turn
        for (ContextDesign design : ContextDesign.values()) {
            float[] row = features.row("book a table", List.of(), design.slots());

            // Then the row has the design's width, its own embedding first and zeros for the missing context
            assertThat(row).hasSize(design.blocks() * 2);
            assertThat(row[0]).isEqualTo(1);
            for (int i = 2; i < row.length; i++) {
                assertThat(row[i]).isZero();
            }
        }
    }

    @Test
    void shouldLabelRowsWithTheirSnippetsLabels() {
        Examples examples = features.examples(List.of(new LabeledSnippet("yes", Set.of("Reserve"), "positive", null,
                BEFORE_YES)), List.of(ContextSlot.PREVIOUS_SERVICE_TURN));

        assertThat(examples.x()[0]).containsExactly(0, 4, 3, 0);
        assertThat(examples.intents()).containsExactly(Set.of("Reserve"));
        assertThat(examples.polarities()).containsExactly("positive");
    }
}
