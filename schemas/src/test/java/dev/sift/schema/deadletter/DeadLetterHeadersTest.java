package dev.sift.schema.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Specification of the reason headers a dead letter carries. */
class DeadLetterHeadersTest {

    @Test
    void shouldBoundEveryReasonHeaderWhateverTheException() {
        // Given an exception with a message of a million characters, caused by a chain of 200 exceptions
        Exception deep = new IllegalStateException("é".repeat(1_000_000), nested(200, new RuntimeException("root")));

        // When its reason headers are added
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.add(headers, deep, "sift.snippets", 5, 123_456_789L);

        // Then together they stay within the bound the dead-letter topic's size is planned with
        long total = 0;
        for (Header header : headers) {
            total += header.key().length() + header.value().length;
        }
        assertThat(total).isLessThanOrEqualTo(DeadLetterHeaders.MAX_BYTES);
        assertThat(text(headers, DeadLetterHeaders.MESSAGE)).endsWith("more characters)");
        assertThat(text(headers, DeadLetterHeaders.STACKTRACE))
                .startsWith("java.lang.IllegalStateException: ééé").endsWith("more characters)");
        // And where the record came from is written as Kafka Streams writes it
        assertThat(text(headers, DeadLetterHeaders.PARTITION)).isEqualTo("5");
        assertThat(text(headers, DeadLetterHeaders.OFFSET)).isEqualTo("123456789");
    }

    private static String text(RecordHeaders headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static Exception nested(int depth, Exception cause) {
        return depth == 0 ? cause : nested(depth - 1, new RuntimeException("level " + depth, cause));
    }
}
