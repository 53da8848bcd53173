package dev.sift.modelops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.modelops.dataset.LabeledSnippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TrafficStreamTest {

    /** Examples of two intents (30 and 12) and 20 without an intent. */
    private static List<LabeledSnippet> split() {
        List<LabeledSnippet> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(new LabeledSnippet("balance " + i, Set.of("balance"), null, null));
        }
        for (int i = 0; i < 12; i++) {
            out.add(new LabeledSnippet("transfer " + i, Set.of("transfer"), null, null));
        }
        for (int i = 0; i < 20; i++) {
            out.add(new LabeledSnippet("weather " + i, Set.of(), null, null));
        }
        return out;
    }

    private static Map<String, Long> perGroup(List<LabeledSnippet> snippets) {
        return snippets.stream().collect(Collectors.groupingBy(s -> String.join("+", s.intents()),
                Collectors.counting()));
    }

    @Test
    void shouldStartWithTheSameNumberOfExamplesOfEveryIntentAndOfTheIrrelevant() {
        // When a split is cut with five examples per group in the starter set
        TrafficStream stream = TrafficStream.of(split(), 5, 0);

        // Then the starter set holds five of each intent and five without one, and the traffic the rest
        assertThat(perGroup(stream.starter())).containsExactlyInAnyOrderEntriesOf(
                Map.of("balance", 5L, "transfer", 5L, "", 5L));
        assertThat(stream.traffic()).hasSize(62 - 15);
        assertThat(Stream.concat(stream.starter().stream(), stream.traffic().stream()).map(LabeledSnippet::text))
                .containsExactlyInAnyOrderElementsOf(split().stream().map(LabeledSnippet::text).toList());
        assertThat(stream.allPerGroup()).isEqualTo(30);
    }

    @Test
    void shouldDeliverTheSameNumberOfLabelsOfEveryGroupUpToACheckpoint() {
        // Given the stream
        TrafficStream stream = TrafficStream.of(split(), 5, 0);

        // When the traffic is read up to 10 labels per group, then up to 20
        Map<String, Long> atTen = perGroup(concat(stream.starter(), stream.until(10)));
        Map<String, Long> atTwenty = perGroup(concat(stream.starter(), stream.until(20)));

        // Then every group has 10, then 20 (or all it has)
        assertThat(atTen).containsExactlyInAnyOrderEntriesOf(Map.of("balance", 10L, "transfer", 10L, "", 10L));
        assertThat(atTwenty).containsExactlyInAnyOrderEntriesOf(Map.of("balance", 20L, "transfer", 12L, "", 20L));
        assertThat(stream.until(stream.allPerGroup())).isEqualTo(stream.traffic());
        assertThat(stream.until(5)).isEmpty();
    }

    @Test
    void shouldOrderTheTrafficBySeed() {
        Function<Long, List<String>> order = seed -> TrafficStream.of(split(), 5, seed).traffic().stream()
                .map(LabeledSnippet::text).toList();

        assertThat(order.apply(3L)).isEqualTo(order.apply(3L)).isNotEqualTo(order.apply(4L));
    }

    @Test
    void shouldRefuseAnEmptyStarterSet() {
        assertThatThrownBy(() -> TrafficStream.of(split(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<LabeledSnippet> concat(List<LabeledSnippet> a, List<LabeledSnippet> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
