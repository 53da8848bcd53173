package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The verifier of a fault run, after Kafka's own exactly-once system test: reads the decisions, LLM and dead-letter
 * topics with {@code read_committed} and checks every good snippet decided exactly once and forwarded at most once
 * (exactly when its decision says so), in its conversation's order, and every bad record dead-lettered exactly once
 * with its reason.
 */
final class DeliveryCheck {

    private final KafkaTestClient kafka;
    private final Topics topics;

    DeliveryCheck(KafkaTestClient kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /**
     * Reads everything and checks it.
     *
     * @param driver what was sent
     * @param timeout how long the gateways may take to catch up
     * @return the figures
     */
    Figures verify(TrafficDriver driver, Duration timeout) {
        List<String> good = List.copyOf(driver.goodIds());
        List<ConsumerRecord<String, FilterDecision>> decisions = kafka.readCommitted(topics.decisions(), good.size(),
                timeout);
        Map<String, Long> decidedTimes = counts(decisions, r -> r.value().getSnippetId());
        assertThat(decidedTimes.keySet()).as("snippets decided").isEqualTo(new HashSet<>(good));
        assertThat(decidedTimes).as("decisions per snippet").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertInConversationOrder(decisions.stream().map(r -> r.value().getSnippetId()).toList(), "decisions");

        Set<String> forwarded = decisions.stream().filter(r -> r.value().getForwarded())
                .map(r -> r.value().getSnippetId()).collect(Collectors.toSet());
        List<ConsumerRecord<String, LlmRequest>> requests = kafka.readCommitted(topics.llmRequests(),
                forwarded.size(), Duration.ofMinutes(1));
        Map<String, Long> requestTimes = counts(requests, r -> r.value().getSnippet().getSnippetId());
        assertThat(requestTimes.keySet()).as("snippets sent to the LLM").isEqualTo(forwarded);
        assertThat(requestTimes).as("LLM requests per snippet").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertInConversationOrder(requests.stream().map(r -> r.value().getSnippet().getSnippetId()).toList(),
                "LLM requests");

        Set<String> truncated = decisions.stream().filter(r -> r.value().getTruncated())
                .map(r -> r.value().getSnippetId()).collect(Collectors.toSet());
        assertThat(truncated).as("snippets longer than the model reads, flagged").containsAll(driver.truncatedIds());

        Map<String, BadInput> bad = Map.copyOf(driver.badIds());
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readCommitted(topics.deadLetters(), bad.size(),
                Duration.ofMinutes(1));
        Map<String, Long> deadTimes = counts(dead, r -> header(r, TrafficDriver.ID_HEADER));
        assertThat(deadTimes.keySet()).as("bad records dead-lettered").isEqualTo(bad.keySet());
        assertThat(deadTimes).as("dead letters per bad record").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        Map<BadInput, Integer> byKind = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : dead) {
            BadInput kind = bad.get(header(letter, TrafficDriver.ID_HEADER));
            assertThat(header(letter, "__streams.errors.message")).as("reason of a " + kind + " record")
                    .contains(kind.reason());
            byKind.merge(kind, 1, Integer::sum);
        }
        return new Figures(good.size(), forwarded.size(), truncated.size(), bad.size(), byKind);
    }

    /** Snippet ids are {@code <conversation>/<sequence>}: within a conversation, sequences must only grow. */
    private static void assertInConversationOrder(List<String> snippetIds, String what) {
        Map<String, Integer> last = new LinkedHashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        for (String id : snippetIds) {
            int slash = id.lastIndexOf('/');
            String conversation = id.substring(0, slash);
            int sequence = Integer.parseInt(id.substring(slash + 1));
            Integer previous = last.put(conversation, sequence);
            if (previous != null && previous >= sequence) {
                outOfOrder.add(id + " after " + conversation + "/" + previous);
            }
        }
        assertThat(outOfOrder).as(what + " out of conversation order").isEmpty();
    }

    private static <K, V> Map<String, Long> counts(List<ConsumerRecord<K, V>> records,
            Function<ConsumerRecord<K, V>, String> id) {
        return records.stream().collect(Collectors.groupingBy(id, Collectors.counting()));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "(no " + name + " header)" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * What a run delivered.
     *
     * @param decided good snippets, each decided once
     * @param forwarded of which forwarded to the LLM topic, each once
     * @param truncated decided with more tokens than the model reads
     * @param deadLettered bad records, each dead-lettered once with its reason
     * @param deadByKind dead letters by kind
     */
    record Figures(int decided, int forwarded, int truncated, int deadLettered, Map<BadInput, Integer> deadByKind) {
    }
}
