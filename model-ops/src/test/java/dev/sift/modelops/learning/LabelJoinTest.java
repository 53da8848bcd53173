package dev.sift.modelops.learning;

import static dev.sift.modelops.learning.LabelFixtures.label;
import static dev.sift.modelops.learning.LabelFixtures.request;
import static dev.sift.modelops.learning.LabelFixtures.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.LabelOrigin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The join of labels and texts: whichever comes first, once per snippet, conflicts settled, bounded. */
class LabelJoinTest {

    private static final long T0 = time(0);
    private final RecordingEvents events = new RecordingEvents();
    private final LabelJoin join = new LabelJoin(new LabelJoin.Limits(3, Duration.ofHours(1)), events);

    @Test
    void shouldJoinALabelThatArrivesBeforeItsRequest() {
        // Given a label whose request has not arrived
        join.offerLabel(label("s1", LabelOrigin.LLM, 1, "complaint"), T0);
        assertThat(join.examples()).isEmpty();
        assertThat(join.pendingLabels()).hasSize(1);

        // When the request arrives
        join.offerRequest(request("s1", "my order never came"), T0);

        // Then they form one example, and nothing waits any more
        assertThat(join.examples()).singleElement().satisfies(e -> {
            assertThat(e.request().text()).isEqualTo("my order never came");
            assertThat(e.label().intents()).containsExactly("complaint");
        });
        assertThat(join.pendingLabels()).isEmpty();
        assertThat(events.joined).hasSize(1);
    }

    @Test
    void shouldJoinALabelThatArrivesAfterItsRequest() {
        // Given a request waiting for its label
        join.offerRequest(request("s1", "my order never came"), T0);
        assertThat(join.pendingRequests()).hasSize(1);

        // When the label arrives
        join.offerLabel(label("s1", LabelOrigin.LLM, 1, "complaint"), T0);

        // Then they form one example
        assertThat(join.examples()).singleElement()
                .satisfies(e -> assertThat(e.label().intents()).containsExactly("complaint"));
        assertThat(join.pendingRequests()).isEmpty();
    }

    @Test
    void shouldKeepOneExamplePerSnippetWhenRequestsAndLabelsRepeat() {
        // Given a snippet forwarded, then audited with another text, and labeled twice the same way
        join.offerRequest(request("s1", "first text"), T0);
        join.offerRequest(request("s1", "second text"), T0);
        join.offerLabel(label("s1", LabelOrigin.LLM, 1, "complaint"), T0);
        join.offerLabel(label("s1", LabelOrigin.LLM, 1, "complaint"), T0);
        join.offerRequest(request("s1", "third text"), T0);

        // Then one example with the first text, joined once
        assertThat(join.examples()).singleElement()
                .satisfies(e -> assertThat(e.request().text()).isEqualTo("first text"));
        assertThat(events.joined).hasSize(1);
        assertThat(join.pendingRequests()).isEmpty();
    }

    @Test
    void shouldPreferHumanOverLlmOverRuleWhateverTheOrder() {
        // Given labels of three origins, the human's the oldest and the rule's the newest
        join.offerRequest(request("s1", "text"), T0);
        join.offerLabel(label("s1", LabelOrigin.HUMAN, 1, "refund_request"), T0);
        join.offerLabel(label("s1", LabelOrigin.RULE, 9, "spam"), T0);
        join.offerLabel(label("s1", LabelOrigin.LLM, 5, "complaint"), T0);
        join.offerLabel(label("s2", LabelOrigin.RULE, 1, "spam"), T0);
        join.offerLabel(label("s2", LabelOrigin.LLM, 2, "complaint"), T0);
        join.offerLabel(label("s2", LabelOrigin.RULE, 3, "spam"), T0);
        join.offerRequest(request("s2", "other text"), T0);

        // Then the human's label stands for s1, the LLM's for s2
        Map<String, List<String>> intents = intentsById();
        assertThat(intents).containsEntry("s1", List.of("refund_request")).containsEntry("s2", List.of("complaint"));
    }

    @Test
    void shouldLetAReviewersLabelReplaceTheLlmsConfidencesWithItsOwnNone() {
        // Given an example the LLM labeled with confidences
        join.offerRequest(request("s1", "text"), T0);
        join.offerLabel(new SnippetLabel("s1", List.of("complaint"), null, null, LabelOrigin.LLM, "gpt-test", time(5),
                Map.of("complaint", 0.6f, "refund_request", 0.4f)), T0);
        assertThat(join.examples()).singleElement().satisfies(e -> assertThat(e.label().confidences())
                .containsEntry("complaint", 0.6f));

        // When a reviewer labels it, earlier and without confidences
        join.offerLabel(label("s1", LabelOrigin.HUMAN, 1, "refund_request"), T0);

        // Then the reviewer's hard label stands alone: fine-tuning learns no confidence the reviewer overruled
        assertThat(join.examples()).singleElement().satisfies(e -> {
            assertThat(e.label().intents()).containsExactly("refund_request");
            assertThat(e.label().confidences()).isEmpty();
            assertThat(e.snippet().confidences()).isEmpty();
        });
    }

    @Test
    void shouldPreferTheLatestLabelWithinOneOrigin() {
        // Given two LLM labels, the later one read first
        join.offerRequest(request("s1", "text"), T0);
        join.offerLabel(label("s1", LabelOrigin.LLM, 10, "complaint", "refund_request"), T0);
        join.offerLabel(label("s1", LabelOrigin.LLM, 5, "praise"), T0);

        // Then the later label stands
        assertThat(intentsById()).containsEntry("s1", List.of("complaint", "refund_request"));

        // When a still later one arrives, it replaces it
        join.offerLabel(label("s1", LabelOrigin.LLM, 11), T0);
        assertThat(intentsById()).containsEntry("s1", List.of());
        assertThat(events.joined).hasSize(2);
    }

    @Test
    void shouldDropALabelWhoseRequestNeverArrivesAndCountIt() {
        // Given a label for a snippet no request names, and a request no label names
        join.offerLabel(label("ghost", LabelOrigin.HUMAN, 1, "complaint"), T0);
        join.offerRequest(request("unlabeled", "text"), T0);

        // When the pending time passes
        join.expire(T0 + Duration.ofHours(1).toMillis() - 1);
        assertThat(join.pendingLabels()).hasSize(1);
        join.expire(T0 + Duration.ofHours(1).toMillis() + 1);

        // Then both are dropped and counted
        assertThat(join.pendingLabels()).isEmpty();
        assertThat(join.pendingRequests()).isEmpty();
        assertThat(events.refused).containsEntry(RefusalReason.UNKNOWN_REQUEST, 1);
        assertThat(events.requestsDropped).isEqualTo(1);
    }

    @Test
    void shouldBoundWhatWaitsAndCountWhatFallsOut() {
        // Given more labels and requests waiting than max-pending (3)
        for (int i = 0; i < 5; i++) {
            join.offerLabel(label("label-" + i, LabelOrigin.LLM, i, "complaint"), T0);
            join.offerRequest(request("request-" + i, "text " + i), T0);
        }

        // Then the oldest fell out, counted
        assertThat(join.pendingLabels()).extracting(p -> p.value().snippetId())
                .containsExactly("label-2", "label-3", "label-4");
        assertThat(join.pendingRequests()).extracting(p -> p.value().snippetId())
                .containsExactly("request-2", "request-3", "request-4");
        assertThat(events.refused).containsEntry(RefusalReason.PENDING_LIMIT, 2);
        assertThat(events.requestsDropped).isEqualTo(2);
    }

    @Test
    void shouldStageOnlyWhatChangedSinceTheLastVersion() {
        // Given an example that is part of a version
        join.restoreExamples(List.of(LabelFixtures.example("old", 1, "complaint")));
        assertThat(join.staged()).isEmpty();

        // When a label changes it and a new example is made
        join.offerLabel(label("old", LabelOrigin.HUMAN, 2, "praise"), T0);
        join.offerRequest(request("new", "text"), T0);
        join.offerLabel(label("new", LabelOrigin.LLM, 3), T0);

        // Then both are staged until the next version
        assertThat(join.staged()).extracting(LabeledExample::snippetId).containsExactly("new", "old");
        join.markVersioned();
        assertThat(join.staged()).isEmpty();
        assertThat(join.examples()).hasSize(2);
    }

    @Test
    void shouldKeepAtMostMaxExamplesDroppingTheOldest() {
        // Given four examples
        join.restoreExamples(List.of(LabelFixtures.example("a", 4), LabelFixtures.example("b", 1),
                LabelFixtures.example("c", 3), LabelFixtures.example("d", 2)));

        // When at most two are kept
        int dropped = join.limitExamples(2);

        // Then the two labeled earliest are gone
        assertThat(dropped).isEqualTo(2);
        assertThat(join.examples()).extracting(LabeledExample::snippetId).containsExactlyInAnyOrder("a", "c");
    }

    private Map<String, List<String>> intentsById() {
        return join.examples().stream().collect(java.util.stream.Collectors.toMap(LabeledExample::snippetId,
                e -> e.label().intents()));
    }
}
