package dev.sift.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.context.ContextSlot;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.train.ContextScales;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Specification of the options that make a trained bundle context-aware. */
class ContextOptionsTest {

    /** A command holding the options, as train, evaluate and optimize do. */
    @CommandLine.Command(name = "holder")
    static final class Holder {
        @CommandLine.Mixin
        ContextOptions context;
    }

    private static ContextOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.context;
    }

    @Test
    void shouldReadEverySlotWithContextAloneAndTheGivenOnesOnceInTheirOrder() {
        assertThat(parse().chosenSlots()).isEmpty();
        assertThat(parse("--context").chosenSlots()).containsExactly(ContextSlot.values());
        assertThat(parse("--context", "--context-slots", "PREVIOUS_CUSTOMER_TURN,PREVIOUS_SERVICE_TURN,"
                + "PREVIOUS_CUSTOMER_TURN").chosenSlots())
                .containsExactly(ContextSlot.PREVIOUS_CUSTOMER_TURN, ContextSlot.PREVIOUS_SERVICE_TURN);
    }

    @Test
    void shouldRefuseSlotsWithoutContextAndAnUnknownSlot() {
        assertThatThrownBy(() -> parse("--context-slots", "PREVIOUS_SERVICE_TURN").chosenSlots())
                .hasMessage("--context-slots needs --context");
        assertThatThrownBy(() -> parse("--context", "--context-slots", "NEXT_TURN"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void shouldChooseAmongTheDefaultScalesUnlessGivenOthers() {
        assertThat(parse("--context").chosenScales().scales()).containsExactly(ContextScales.defaults().scales());
        assertThat(parse("--context", "--context-scales", "1").chosenScales().scales()).containsExactly(1);
    }

    @Test
    void shouldJudgeTheContextOnTheLastTrainingExamplesOnlyWhereTheyCan() {
        // Given data of three training examples and no validation split
        Dataset data = Dataset.of("d", List.of(snippet("oldest"), snippet("middle"), snippet("newest")), List.of(),
                List.of());

        // Then the last N judge the context; all of them, a validation split, or no --context are refused
        assertThat(parse("--context", "--context-judges", "2").contextTraining(data).judges())
                .containsExactlyInAnyOrder(snippet("middle"), snippet("newest"));
        assertThat(parse("--context").contextTraining(data).judges()).isEmpty();
        assertThatThrownBy(() -> parse("--context", "--context-judges", "3").contextTraining(data))
                .hasMessageContaining("must leave training examples to fit on: from 0 to 2, got 3");
        Dataset validated = Dataset.of("v", data.train(), List.of(snippet("validation")), List.of());
        assertThatThrownBy(() -> parse("--context", "--context-judges", "1").contextTraining(validated))
                .hasMessageContaining("has one, which judges the context");
        assertThatThrownBy(() -> parse("--context-judges", "1").chosenSlots())
                .hasMessage("--context-judges needs --context");
        assertThatThrownBy(() -> parse("--context-scales", "1").chosenSlots())
                .hasMessage("--context-scales needs --context");
    }

    private static LabeledSnippet snippet(String text) {
        return new LabeledSnippet(text, Set.of("complaint"), null, null);
    }
}
