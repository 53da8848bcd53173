package dev.sift.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.context.ContextSlot;
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
}
