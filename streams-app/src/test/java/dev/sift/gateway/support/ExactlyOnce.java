package dev.sift.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.FilterDecision;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The exactly-once check every crash and scale test ends with. */
public final class ExactlyOnce {

    private ExactlyOnce() {
    }

    /**
     * Asserts that the committed decisions hold every produced snippet, each exactly once.
     *
     * @param decisions decisions read with {@code read_committed}
     * @param produced how many distinct snippets were produced
     */
    public static void assertEachDecidedOnce(List<ConsumerRecord<String, FilterDecision>> decisions, int produced) {
        Map<String, Long> perSnippet = decisions.stream().collect(Collectors.groupingBy(
                r -> r.value().getSnippetId(), Collectors.counting()));
        assertThat(perSnippet).as("distinct snippets decided").hasSize(produced);
        assertThat(perSnippet).as("decisions per snippet").allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    }
}
