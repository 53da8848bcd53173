package dev.sift.modelops.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A seeded, stratified held-out share: what a fine-tuning run validates on when its data set has no split. */
class StratifiedSplitTest {

    @Test
    void shouldHoldOutTheShareOfEachLabelSetAndTheSameSplitForTheSameSeed() {
        // Given 40 examples of one intent, 20 of another and 10 without an intent
        List<LabeledSnippet> examples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            examples.add(snippet("card " + i, "card"));
            if (i < 20) {
                examples.add(snippet("refund " + i, "refund"));
            }
            if (i < 10) {
                examples.add(snippet("hello " + i, null));
            }
        }

        // When a tenth is held out
        StratifiedSplit split = StratifiedSplit.of(examples, 0.1, 7L);

        // Then each label set gives its tenth, and nothing is lost or repeated
        assertThat(count(split.heldOut(), "card")).isEqualTo(4);
        assertThat(count(split.heldOut(), "refund")).isEqualTo(2);
        assertThat(split.heldOut().stream().filter(s -> !s.relevant()).count()).isEqualTo(1);
        assertThat(split.kept()).hasSize(63).doesNotContainAnyElementsOf(split.heldOut());
        // And both parts keep the examples' order
        assertThat(split.kept()).isSortedAccordingTo((a, b) -> Integer.compare(examples.indexOf(a),
                examples.indexOf(b)));
        // And the same seed gives the same split, another seed another one
        assertThat(StratifiedSplit.of(examples, 0.1, 7L)).isEqualTo(split);
        assertThat(StratifiedSplit.of(examples, 0.1, 8L).heldOut()).isNotEqualTo(split.heldOut());
    }

    @Test
    void shouldPoolLabelSetsTooRareToHoldOutAlone() {
        // Given ten intents of two examples each: at a share of 0.2, none gives a held-out example on its own
        List<LabeledSnippet> examples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            examples.add(snippet("text " + i, "intent_" + (i % 10)));
        }

        // When a fifth is held out
        StratifiedSplit split = StratifiedSplit.of(examples, 0.2, 0L);

        // Then the rare sets are split together, at the share
        assertThat(split.heldOut()).hasSize(4);
        assertThat(split.kept()).hasSize(16);
    }

    @Test
    void shouldKeepAtLeastOneExampleOfEachLabelSetForTraining() {
        // Given two examples of one intent, at a share that would round to both of them
        List<LabeledSnippet> examples = List.of(snippet("a", "card"), snippet("b", "card"));

        // Then one is held out and one kept
        StratifiedSplit split = StratifiedSplit.of(examples, 0.75, 0L);
        assertThat(split.heldOut()).hasSize(1);
        assertThat(split.kept()).hasSize(1);
    }

    private static long count(List<LabeledSnippet> examples, String intent) {
        return examples.stream().filter(s -> s.intents().contains(intent)).count();
    }

    private static LabeledSnippet snippet(String text, String intent) {
        return new LabeledSnippet(text, intent == null ? Set.of() : Set.of(intent), null, null);
    }
}
