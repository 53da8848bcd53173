package dev.sift.modelops.learning;

import static dev.sift.modelops.learning.LabelFixtures.example;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The held-out slice: the newest labels, time-ordered, stable from version to version. */
class HeldOutSliceTest {

    @Test
    void shouldHoldOutTheNewestShareByLabelTimeWhateverTheInputOrder() {
        // Given ten examples labeled at minutes 0..9, in shuffled order
        List<LabeledExample> examples = examples(0, 10);
        Collections.shuffle(examples, new Random(7));

        // When a fifth is held out
        HeldOutSlice.Assignment slice = HeldOutSlice.assign(examples, Optional.empty(), Set.of(), 0.2);

        // Then the two newest are
        assertThat(slice.heldOut()).containsExactlyInAnyOrder("s8", "s9");
        assertThat(slice.cut()).contains(new HeldOutSlice.Cut(LabelFixtures.time(8), "s8"));
    }

    @Test
    void shouldGiveTheSameSliceForTheSameExamples() {
        List<LabeledExample> examples = examples(0, 50);
        List<LabeledExample> reversed = new ArrayList<>(examples);
        Collections.reverse(reversed);

        assertThat(HeldOutSlice.assign(examples, Optional.empty(), Set.of(), 0.2))
                .isEqualTo(HeldOutSlice.assign(reversed, Optional.empty(), Set.of(), 0.2));
    }

    @Test
    void shouldOrderEqualLabelTimesBySnippetId() {
        // Given five examples labeled at the same minute
        List<LabeledExample> examples = List.of(example("e", 1), example("a", 1), example("c", 1), example("b", 1),
                example("d", 1));

        // Then the slice is the last ids, not whatever came last
        assertThat(HeldOutSlice.assign(examples, Optional.empty(), Set.of(), 0.4).heldOut())
                .containsExactlyInAnyOrder("d", "e");
    }

    @Test
    void shouldReleaseTheOldestHeldOutToTrainingAsNewerLabelsArrive() {
        // Given a first version of ten examples (s8, s9 held out)
        List<LabeledExample> first = examples(0, 10);
        HeldOutSlice.Assignment before = HeldOutSlice.assign(first, Optional.empty(), Set.of(), 0.2);

        // When ten newer examples arrive
        List<LabeledExample> second = examples(0, 20);
        HeldOutSlice.Assignment after = HeldOutSlice.assign(second, before.cut(), trained(first, before), 0.2);

        // Then the slice moved forward to the newest, and nothing trained on came back
        assertThat(after.heldOut()).containsExactlyInAnyOrder("s16", "s17", "s18", "s19");
        assertThat(after.cut().get()).isGreaterThan(before.cut().get());
    }

    @Test
    void shouldNotMoveTheCutBackWhenOlderLabelsArrive() {
        // Given a version of ten examples at minutes 100..109 (s108, s109 held out)
        List<LabeledExample> first = examples(100, 110);
        HeldOutSlice.Assignment before = HeldOutSlice.assign(first, Optional.empty(), Set.of(), 0.2);

        // When a backfill of twenty older labels arrives
        List<LabeledExample> second = new ArrayList<>(first);
        second.addAll(examples(0, 20));
        HeldOutSlice.Assignment after = HeldOutSlice.assign(second, before.cut(), trained(first, before), 0.2);

        // Then the slice stays where it was: the backfill trains
        assertThat(after.cut()).isEqualTo(before.cut());
        assertThat(after.heldOut()).containsExactlyInAnyOrder("s108", "s109");
    }

    @Test
    void shouldNeverHoldOutAnExampleAnEarlierVersionTrainedOn() {
        // Given a version that trained on s0..s7
        List<LabeledExample> first = examples(0, 10);
        HeldOutSlice.Assignment before = HeldOutSlice.assign(first, Optional.empty(), Set.of(), 0.2);

        // When s3 is labeled again, later than everything else
        List<LabeledExample> second = new ArrayList<>(first.stream().filter(e -> !e.snippetId().equals("s3"))
                .toList());
        second.add(example("s3", 50, "complaint"));
        HeldOutSlice.Assignment after = HeldOutSlice.assign(second, before.cut(), trained(first, before), 0.2);

        // Then s3 stays in training
        assertThat(after.heldOut()).doesNotContain("s3").containsExactlyInAnyOrder("s8", "s9");
    }

    @Test
    void shouldHoldOutNothingWhileTooFewExamplesExist() {
        assertThat(HeldOutSlice.assign(examples(0, 4), Optional.empty(), Set.of(), 0.2))
                .isEqualTo(new HeldOutSlice.Assignment(Optional.empty(), Set.of()));
    }

    private static List<LabeledExample> examples(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> example("s" + i, i, "complaint"))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static Set<String> trained(List<LabeledExample> examples, HeldOutSlice.Assignment slice) {
        return examples.stream().map(LabeledExample::snippetId).filter(id -> !slice.heldOut().contains(id))
                .collect(Collectors.toSet());
    }
}
