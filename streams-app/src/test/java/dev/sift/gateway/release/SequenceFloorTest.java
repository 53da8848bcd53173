package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.gateway.support.Releases;
import dev.sift.schema.ModelRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The highest accepted sequence only moves up, and outlives the process. */
class SequenceFloorTest {

    @TempDir
    Path cache;

    private static ModelRelease release(String version, long sequence) {
        return Releases.placeholder(version, sequence);
    }

    @Test
    void shouldAdmitOnlyNewerReleasesOrTheOneAcceptedLast() {
        SequenceFloor floor = new SequenceFloor(cache);
        assertThat(floor.admits(release("a", Long.MIN_VALUE + 1))).isTrue();

        floor.accepted(release("b", 10));

        assertThat(floor.admits(release("b", 10))).isTrue();
        assertThat(floor.admits(release("c", 10))).isFalse();
        assertThat(floor.admits(release("a", 9))).isFalse();
        assertThat(floor.admits(release("d", 11))).isTrue();
    }

    @Test
    void shouldSurviveARestartAndNeverMoveDown() {
        // Given a floor at 10, then an operator's older pinned release
        SequenceFloor floor = new SequenceFloor(cache);
        floor.accepted(release("b", 10));
        floor.accepted(release("a", 5));

        // When the gateway restarts
        SequenceFloor restarted = new SequenceFloor(cache);

        // Then the floor is still 10, and only release b or newer is admitted
        assertThat(restarted.sequence()).isEqualTo(10);
        assertThat(restarted.admits(release("b", 10))).isTrue();
        assertThat(restarted.admits(release("a", 5))).isFalse();
    }

    @Test
    void shouldNotTakeBackTheReleaseRolledBackFrom() {
        SequenceFloor floor = new SequenceFloor(cache);
        floor.accepted(release("b", 10));

        floor.rolledBack();

        assertThat(new SequenceFloor(cache).admits(release("b", 10))).isFalse();
        assertThat(new SequenceFloor(cache).admits(release("c", 11))).isTrue();
    }

    @Test
    void shouldRefuseToStartFromAnUnreadableFloor() throws Exception {
        Files.writeString(cache.resolve(SequenceFloor.FILE), "sequence=not-a-number\n");

        assertThatThrownBy(() -> new SequenceFloor(cache)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delete it knowingly");
    }
}
