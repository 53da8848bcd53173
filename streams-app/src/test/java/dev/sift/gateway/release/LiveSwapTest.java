package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.support.Releases;
import dev.sift.gateway.support.ScriptedClassifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ready model goes live with the floor recorded first and the history after. */
class LiveSwapTest {

    @TempDir
    Path cache;

    @Test
    void shouldRaiseTheFloorAndRecordTheSwapWhenANewerReleaseGoesLive() {
        // Given a gateway serving its configured bundle
        ScriptedClassifier configured = new ScriptedClassifier("configured");
        SequenceFloor floor = new SequenceFloor(cache);
        ModelHistory history = new ModelHistory(new SimpleMeterRegistry());
        try (LiveModel live = new LiveModel(configured)) {
            LiveSwap swap = new LiveSwap(live, floor, history);

            // When release b of sequence 20 goes live
            swap.swap(new ScriptedClassifier("b"), Releases.placeholder("b", 20), 7, EventKind.SWAP);

            // Then it serves, the floor is at 20 (also for a restart), the history says so, the old model is closed
            assertThat(swap.serving()).isEqualTo("b");
            assertThat(new SequenceFloor(cache).sequence()).isEqualTo(20);
            assertThat(history.live()).hasValueSatisfying(e -> {
                assertThat(e.kind()).isEqualTo(EventKind.SWAP);
                assertThat(e.version()).isEqualTo("b");
                assertThat(e.sequence()).isEqualTo(20);
                assertThat(e.detail()).isEqualTo("replaced configured");
            });
            assertThat(configured.isClosed()).isTrue();
        }
    }

    @Test
    void shouldNotTakeTheReleaseRolledBackFromAgain() {
        // Given release b of sequence 20 live
        SequenceFloor floor = new SequenceFloor(cache);
        ModelHistory history = new ModelHistory(new SimpleMeterRegistry());
        try (LiveModel live = new LiveModel(new ScriptedClassifier("configured"))) {
            LiveSwap swap = new LiveSwap(live, floor, history);
            swap.swap(new ScriptedClassifier("b"), Releases.placeholder("b", 20), 7, EventKind.SWAP);

            // When an operator rolls back to the configured bundle
            swap.swap(new ScriptedClassifier("configured"), null, 3, EventKind.ROLLBACK);

            // Then the configured bundle serves, and b is no longer admitted; a newer release still is
            assertThat(swap.serving()).isEqualTo("configured");
            assertThat(floor.admits(Releases.placeholder("b", 20))).isFalse();
            assertThat(floor.admits(Releases.placeholder("c", 21))).isTrue();
            assertThat(history.live()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(EventKind.ROLLBACK));
        }
    }
}
