package dev.sift.modelops.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void shouldReadCsvWithPipeSeparatedIntents() {
        Dataset d = DatasetReaders.csv("t.csv", text("text,intents,sentiment\n\"refund, now\",refund_request|complaint,negative\n"));

        assertThat(d.train().get(0).intents()).containsExactlyInAnyOrder("refund_request", "complaint");
        assertThat(d.train().get(0).text()).isEqualTo("refund, now");
    }
}
