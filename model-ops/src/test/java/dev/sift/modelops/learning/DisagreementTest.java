package dev.sift.modelops.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the teacher and the model disagree: the drift signal. */
class DisagreementTest {

    @Test
    void shouldAgreeWhenBothFindTheSnippetIrrelevantOrShareAnIntent() {
        assertThat(Disagreement.disagrees(List.of(), List.of())).isFalse();
        assertThat(Disagreement.disagrees(List.of("complaint"), List.of("complaint", "refund_request"))).isFalse();
    }

    @Test
    void shouldDisagreeWhenOnlyOneFindsItRelevantOrTheyShareNothing() {
        assertThat(Disagreement.disagrees(List.of(), List.of("data_export_request"))).isTrue();
        assertThat(Disagreement.disagrees(List.of("praise"), List.of())).isTrue();
        assertThat(Disagreement.disagrees(List.of("privacy_request"), List.of("data_export_request"))).isTrue();
    }
}
