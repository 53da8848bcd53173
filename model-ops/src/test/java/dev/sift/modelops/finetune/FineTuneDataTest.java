package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FineTuneDataTest {

    private static final FineTuneOptions HELD_OUT_TENTH = FineTuneOptions.defaults();

    private static List<LabeledSnippet> tweets(String polarity, int n) {
        return IntStream.range(0, n).mapToObj(i -> new LabeledSnippet(polarity + " tweet " + i, Set.of(), polarity,
                "acme")).toList();
    }

    private static List<LabeledSnippet> trainSplit() {
        List<LabeledSnippet> train = new ArrayList<>(tweets("negative", 60));
        train.addAll(tweets("positive", 40));
        return train;
    }

    @Test
    void shouldFitHeadsOnWhatTheEncoderLearnedAndJudgeThemOnTheShareItHeldOut() {
        // Given a data set without a validation split, fine-tuned with a tenth of its train split held out
        Dataset dataset = Dataset.of("tweets", trainSplit(), List.of(), tweets("neutral", 5));
        FineTuneData run = FineTuneData.of(dataset, HELD_OUT_TENTH);

        // When the heads' data set is taken
        Dataset heads = run.forHeads(dataset);

        // Then they train on the examples the encoder learned from and are judged on the held-out ones only
        assertThat(heads.train()).isEqualTo(run.train()).hasSize(90);
        assertThat(heads.validation()).isEqualTo(run.validation()).hasSize(10)
                .doesNotContainAnyElementsOf(heads.train());
        assertThat(heads.test()).isEqualTo(dataset.test());
        assertThat(heads.name()).isEqualTo(dataset.name());
        assertThat(heads.intents()).isEqualTo(dataset.intents());
        assertThat(heads.singleLabel()).isEqualTo(dataset.singleLabel());
    }

    @Test
    void shouldLeaveADataSetWithItsOwnValidationSplitAsItIs() {
        // Given a data set with a validation split, which the run is judged on
        Dataset dataset = Dataset.of("tweets", trainSplit(), tweets("neutral", 7), List.of());

        // When / Then the heads see the data set as it is
        assertThat(FineTuneData.of(dataset, HELD_OUT_TENTH).forHeads(dataset)).isSameAs(dataset);
    }

    @Test
    void shouldLeaveTheDataSetAsItIsWhenNothingWasHeldOut() {
        // Given a run without validation: the encoder learned from the whole train split
        Dataset dataset = Dataset.of("tweets", trainSplit(), List.of(), List.of());
        FineTuneData run = FineTuneData.of(dataset, HELD_OUT_TENTH.withValidation(ValidationPlan.NONE));

        // When / Then the heads cross-validate on the whole train split, as for a frozen encoder
        assertThat(run.forHeads(dataset)).isSameAs(dataset);
    }
}
