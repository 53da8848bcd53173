package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.support.Releases;
import dev.sift.gateway.support.ScriptedClassifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refusals are recorded, and what is kept of them does not grow with what an attacker writes. */
class ReleaseRefusalsTest {

    @Test
    void shouldKeepOnlyTheMostRecentRefusals() {
        // Given a gateway serving a model
        ModelHistory history = new ModelHistory(new SimpleMeterRegistry());
        try (LiveModel live = new LiveModel(new ScriptedClassifier("live"))) {
            ReleaseRefusals refusals = new ReleaseRefusals(history, live);

            // When more releases than it remembers are refused
            int written = ReleaseRefusals.REMEMBERED + 50;
            for (int i = 0; i < written; i++) {
                refusals.refuse(Releases.placeholder("v" + i, 1), new ReleaseRejectedException(RejectionReason.UNSIGNED, "unsigned"));
            }

            // Then the most recent ones are kept, oldest first, each with its reason
            Map<String, RejectionReason> recent = refusals.recent();
            assertThat(recent).hasSize(ReleaseRefusals.REMEMBERED);
            assertThat(recent.keySet()).first().isEqualTo("v50");
            assertThat(recent).containsEntry("v" + (written - 1), RejectionReason.UNSIGNED);
            assertThat(history.events()).last().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(EventKind.REJECTED);
                assertThat(e.reason()).isEqualTo(RejectionReason.UNSIGNED);
            });
        }
    }
}
