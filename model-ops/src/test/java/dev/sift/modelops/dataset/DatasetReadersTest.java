package dev.sift.modelops.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DatasetReadersTest {

    private static ByteArrayInputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadJsonlWithSplitsMultiLabelsAndPolarity() {
        Dataset d = DatasetReaders.jsonl("t", text("""
                {"text": "double charged, refund me", "intents": ["billing_problem", "refund_request"], "sentiment": "negative"}
                {"text": "hi there", "intents": []}
                {"text": "cancel please", "intents": "cancellation_risk", "split": "test"}
                {"text": "pricing?", "intents": ["pricing_question"], "split": "val"}
                """));

        assertThat(d.train()).hasSize(2);
        assertThat(d.test()).hasSize(1);
        assertThat(d.validation()).hasSize(1);
        assertThat(d.intents()).containsExactly("billing_problem", "cancellation_risk", "pricing_question",
                "refund_request");
        assertThat(d.singleLabel()).isFalse();
        assertThat(d.train().get(0).polarity()).isEqualTo("negative");
        assertThat(d.train().get(1).relevant()).isFalse();
    }

    @Test
    void shouldNameTheLineOfABadRecord() {
        assertThatThrownBy(() -> DatasetReaders.jsonl("data.jsonl", text("{\"text\": \"ok\"}\n{\"intents\": []}\n")))
                .hasMessageContaining("data.jsonl line 2: no 'text' string");
        assertThatThrownBy(() -> DatasetReaders.jsonl("data.jsonl", text("{\"text\": \"x\", \"sentiment\": \"meh\"}")))
                .hasMessageContaining("unknown polarity 'meh'");
    }

    @Test
    void shouldReadTheEarlierTurnsOfASnippetsThreadOldestFirst() {
        // Given a snippet whose thread had a customer turn and an agent's question before it
        Dataset d = DatasetReaders.jsonl("t", text("""
                {"text": "yes, please do it", "intents": ["cancellation_risk"], "context": [{"speaker": "customer", "text": "my plan is too expensive"}, {"speaker": "agent", "text": "shall I cancel your subscription?"}]}
                {"text": "hi there", "intents": []}
                {"text": "ok", "context": null}
                """));

        // Then the snippet carries them in order, with their roles as the runtime names them
        assertThat(d.train().get(0).context()).containsExactly(
                new SpokenTurn(TurnRole.CUSTOMER, "my plan is too expensive"),
                new SpokenTurn(TurnRole.SERVICE, "shall I cancel your subscription?"));
        // And a snippet without context (absent or null) has none
        assertThat(d.train().get(1).context()).isEmpty();
        assertThat(d.train().get(2).context()).isEmpty();
    }

    @Test
    void shouldReadEveryRoleNameTheRuntimeKnows() {
        Dataset d = DatasetReaders.jsonl("t", text("""
                {"text": "x", "context": [{"speaker": "User", "text": "a"}, {"speaker": "bot", "text": "b"}, {"speaker": "system", "text": "c"}, {"speaker": "participant", "text": "d"}]}
                """));

        assertThat(d.train().get(0).context()).extracting(SpokenTurn::role)
                .containsExactly(TurnRole.CUSTOMER, TurnRole.SERVICE, TurnRole.SERVICE, TurnRole.CUSTOMER);
    }

    @Test
    void shouldRefuseAContextItCannotReadNamingTheLine() {
        String good = "{\"text\": \"ok\"}\n";
        assertThatThrownBy(() -> DatasetReaders.jsonl("data.jsonl", text(good
                + "{\"text\": \"x\", \"context\": \"the agent asked\"}\n")))
                .hasMessageContaining("data.jsonl line 2: 'context' is not a list");
        assertThatThrownBy(() -> DatasetReaders.jsonl("data.jsonl", text(good
                + "{\"text\": \"x\", \"context\": [{\"speaker\": \"moderator\", \"text\": \"hi\"}]}\n")))
                .hasMessageContaining("data.jsonl line 2: context turn 1: unknown speaker role 'moderator'");
        assertThatThrownBy(() -> DatasetReaders.jsonl("data.jsonl", text(good
                + "{\"text\": \"x\", \"context\": [{\"speaker\": \"user\"}]}\n")))
                .hasMessageContaining("data.jsonl line 2: context turn 1 needs a 'speaker' and a 'text' string");
        assertThatThrownBy(() -> DatasetReaders.jsonl("data.jsonl", text(good
                + "{\"text\": \"x\", \"context\": [\"hello\"]}\n")))
                .hasMessageContaining("data.jsonl line 2: context turn 1 is not an object");
    }

    @Test
    void shouldRefuseAContextBeyondItsBounds() {
        // Given a line with one turn too many, and a line with one turn one character too long
        String turn = "{\"speaker\": \"user\", \"text\": \"a\"}";
        String tooMany = "{\"text\": \"x\", \"context\": [" + String.join(",",
                java.util.Collections.nCopies(ContextLimits.MAX_TURNS + 1, turn)) + "]}\n";
        String tooLong = "{\"text\": \"x\", \"context\": [" + turn + ", {\"speaker\": \"agent\", \"text\": \""
                + "b".repeat(ContextLimits.MAX_TURN_CHARS + 1) + "\"}]}\n";

        // Then each is refused, naming its line and the bound
        assertThatThrownBy(() -> DatasetReaders.jsonl("data.jsonl", text(tooMany)))
                .hasMessageContaining("data.jsonl line 1: the context holds " + (ContextLimits.MAX_TURNS + 1)
                        + " turns, more than " + ContextLimits.MAX_TURNS);
        assertThatThrownBy(() -> DatasetReaders.jsonl("data.jsonl", text("{\"text\": \"ok\"}\n" + tooLong)))
                .hasMessageContaining("data.jsonl line 2: context turn 2 holds " + (ContextLimits.MAX_TURN_CHARS + 1)
                        + " characters, more than " + ContextLimits.MAX_TURN_CHARS);
        // While the bounds themselves are accepted
        String atBounds = "{\"text\": \"x\", \"context\": [" + String.join(",",
                java.util.Collections.nCopies(ContextLimits.MAX_TURNS - 1, turn)) + ", {\"speaker\": \"agent\","
                + " \"text\": \"" + "b".repeat(ContextLimits.MAX_TURN_CHARS) + "\"}]}\n";
        assertThat(DatasetReaders.jsonl("data.jsonl", text(atBounds)).train().get(0).context())
                .hasSize(ContextLimits.MAX_TURNS);
    }

    @Test
    void shouldReadTheLabelersConfidencesSortedByLabel() {
        // Given a line with confidences and one without
        Dataset d = DatasetReaders.jsonl("t", text("""
                {"text": "charged twice", "intents": ["billing_problem"], "confidences": {"refund_request": 0.25, "billing_problem": 1}}
                {"text": "hi there", "intents": []}
                """));

        // Then the first carries them, the second none
        assertThat(d.train().get(0).confidences()).containsExactly(
                org.assertj.core.api.Assertions.entry("billing_problem", 1f),
                org.assertj.core.api.Assertions.entry("refund_request", 0.25f));
        assertThat(d.train().get(1).confidences()).isEmpty();
    }

    @Test
    void shouldRefuseConfidencesThatCannotBeSoftTargetsNamingTheLine() {
        // Given lines a forger could write: out of range, huge, not a number, not an object, too many
        String tooMany = "{" + String.join(",", java.util.stream.IntStream.rangeClosed(0, LabelConfidences.MAX_LABELS)
                .mapToObj(i -> "\"i" + i + "\": 0.5").toList()) + "}";
        for (String confidences : java.util.List.of("{\"a\": 1.5}", "{\"a\": -0.1}", "{\"a\": 1e400}",
                "{\"a\": -1e400}", "{\"a\": \"NaN\"}", "{\"a\": null}", "{\"a\": [0.5]}", "[0.5]", "0.5",
                "{\"\": 0.5}", tooMany)) {
            String line = "{\"text\": \"ok\"}\n{\"text\": \"x\", \"confidences\": " + confidences + "}\n";

            // Then each is refused, naming its line
            assertThatThrownBy(() -> DatasetReaders.jsonl("data.jsonl", text(line))).as(confidences)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("data.jsonl line 2:").hasMessageContaining("confidence");
        }
    }

    @Test
    void shouldReadCsvWithPipeSeparatedIntents() {
        Dataset d = DatasetReaders.csv("t.csv", text("text,intents,sentiment\n\"refund, now\",refund_request|complaint,negative\n"));

        assertThat(d.train().get(0).intents()).containsExactlyInAnyOrder("refund_request", "complaint");
        assertThat(d.train().get(0).text()).isEqualTo("refund, now");
    }
}
