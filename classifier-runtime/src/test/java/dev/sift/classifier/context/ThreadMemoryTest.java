package dev.sift.classifier.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadMemoryTest {

    private static final List<ContextSlot> ALL = List.of(ContextSlot.values());

    @Test
    void shouldReadZerosForAThreadsFirstTurn() {
        // Given a thread with no turns
        ThreadMemory memory = ThreadMemory.empty(2);

        // Then every slot is zeros
        assertThat(memory.features(ALL)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(memory.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepLatestTurnAndMeanOfEachSide() {
        // Given a service greeting, a customer turn, a service answer and another customer turn
        ThreadMemory memory = ThreadMemory.empty(2)
                .after(TurnRole.SERVICE, new float[] {2, 1})
                .after(TurnRole.CUSTOMER, new float[] {1, 0})
                .after(TurnRole.SERVICE, new float[] {0, 5})
                .after(TurnRole.CUSTOMER, new float[] {0, 1});

        // Then the next turn reads the latest turn and the mean of each side
        assertThat(memory.slot(ContextSlot.PREVIOUS_SERVICE_TURN)).containsExactly(0, 5);
        assertThat(memory.slot(ContextSlot.EARLIER_SERVICE_MEAN)).containsExactly(1, 3);
        assertThat(memory.slot(ContextSlot.PREVIOUS_CUSTOMER_TURN)).containsExactly(0, 1);
        assertThat(memory.slot(ContextSlot.EARLIER_CUSTOMER_MEAN)).containsExactly(0.5f, 0.5f);
        assertThat(memory.customerTurns()).isEqualTo(2);
    }

    @Test
    void shouldStayTheSameSizeHoweverLongTheThread() {
        // Given a thousand turns
        ThreadMemory memory = ThreadMemory.empty(3);
        for (int i = 0; i < 1000; i++) {
            memory = memory.after(i % 2 == 0 ? TurnRole.CUSTOMER : TurnRole.SERVICE, new float[] {i, 1, -i});
        }

        // Then it holds three vectors and a count, and rebuilds from its parts to an equal memory
        ThreadMemory rebuilt = ThreadMemory.of(3, memory.lastService().orElseThrow(),
                memory.lastCustomer().orElseThrow(), memory.customerSum().orElseThrow(), memory.customerTurns(),
                memory.serviceSum().orElseThrow(), memory.serviceTurns());
        assertThat(rebuilt).isEqualTo(memory);
        assertThat(rebuilt.features(ALL)).containsExactly(memory.features(ALL));
    }

    @Test
    void shouldNotChangeWhenACallerChangesAnEmbeddingItGaveOrGot() {
        // Given a memory built from an array the caller keeps
        float[] embedding = {1, 2};
        ThreadMemory memory = ThreadMemory.empty(2).after(TurnRole.CUSTOMER, embedding);

        // When the caller writes into that array and into a slot it read
        embedding[0] = 99;
        memory.slot(ContextSlot.PREVIOUS_CUSTOMER_TURN)[1] = 99;

        // Then the memory is unchanged
        assertThat(memory.slot(ContextSlot.PREVIOUS_CUSTOMER_TURN)).containsExactly(1, 2);
    }

    @Test
    void shouldRefuseEmbeddingsOfAnotherWidthOrNotFinite() {
        ThreadMemory memory = ThreadMemory.empty(2);
        assertThatThrownBy(() -> memory.after(TurnRole.CUSTOMER, new float[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width 3");
        assertThatThrownBy(() -> memory.after(TurnRole.SERVICE, new float[] {Float.NaN, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
        assertThatThrownBy(() -> ThreadMemory.of(2, null, new float[] {1, 1}, null, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disagree");
    }

    @Test
    void shouldReadPlatformRoleNamesOnce() {
        assertThat(TurnRole.of("AGENT")).isEqualTo(TurnRole.SERVICE);
        assertThat(TurnRole.of("bot")).isEqualTo(TurnRole.SERVICE);
        assertThat(TurnRole.of("system")).isEqualTo(TurnRole.SERVICE);
        assertThat(TurnRole.of("Participant")).isEqualTo(TurnRole.CUSTOMER);
        assertThat(TurnRole.of("user")).isEqualTo(TurnRole.CUSTOMER);
        assertThatThrownBy(() -> TurnRole.of("moderator")).isInstanceOf(IllegalArgumentException.class);
    }
}
