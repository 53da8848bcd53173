package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.schema.FilterDecision;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The verifier of a fault run, after Kafka's own exactly-once system test: reads the decisions, LLM and dead-letter
 * topics with {@code read_committed} and checks every good snippet decided exactly once and forwarded at most once
 * (exactly when its decision says so), in its conversation's order, and every bad record dead-lettered exactly once
 * with its reason; and that no transaction is left open on an output partition. It reads from the moment it is
 * {@linkplain #start started}, while the gateways write, so that little is left to read once they have caught up.
 */
final class DeliveryCheck implements AutoCloseable {

    /** How long reading goes on once every expected record was read, to catch duplicates that come late. */
    private static final Duration DUPLICATE_WATCH = Duration.ofSeconds(2);
    /**
     * How long a transaction may stay open once everything is decided: the gateways' commit interval, or the
     * transaction timeout when a killed producer left it open.
     */
    private static final Duration TRANSACTIONS_END = Duration.ofSeconds(30);

    private final Topics topics;
    private final CommittedReader reader;
    private final Map<String, Instant> lastDecisionByGateway = new HashMap<>();
    private int decisionsSeen;

    private DeliveryCheck(Map<String, Object> clientConfig, Topics topics) {
        this.topics = topics;
        this.reader = CommittedReader.start(clientConfig, List.of(topics.decisions().name(),
                topics.llmRequests().name(), topics.deadLetters().name()));
    }

    /**
     * Starts reading the output topics.
     *
     * @param clientConfig bootstrap servers and security settings
     * @param topics the topics
     * @return the running check
     */
    static DeliveryCheck start(Map<String, Object> clientConfig, Topics topics) {
        return new DeliveryCheck(clientConfig, topics);
    }

    /** @return decisions and dead letters read so far */
    int outcomes() {
        return reader.count(topics.decisions().name()) + reader.count(topics.deadLetters().name());
    }

    /**
     * @param gateway a gateway's id
     * @return when it made the latest of its committed decisions read so far, by its clock
     */
    synchronized Optional<Instant> lastDecisionBy(String gateway) {
        List<ConsumerRecord<byte[], byte[]>> read = reader.since(topics.decisions().name(), decisionsSeen);
        decode(topics.decisions(), read).forEach(d -> lastDecisionByGateway.merge(d.getGateway(), d.getDecidedAt(),
                (a, b) -> a.isAfter(b) ? a : b));
        decisionsSeen += read.size();
        return Optional.ofNullable(lastDecisionByGateway.get(gateway));
    }

    /**
     * Waits until everything sent has an outcome, reads a little longer, and checks it all.
     *
     * @param driver what was sent (it has finished)
     * @param timeout how long the gateways may take to catch up
     * @return the figures
     */
    Figures verify(TrafficDriver driver, Duration timeout) throws InterruptedException {
        List<String> good = List.copyOf(driver.goodIds());
        Map<String, BadInput> bad = Map.copyOf(driver.badIds());
        Progress progress = new Progress(good.size(), bad.size());
        await("a decision for each good snippet and a dead letter for each bad record").atMost(timeout)
                .until(() -> progress.reached(reader.count(topics.decisions().name()),
                        reader.count(topics.deadLetters().name())));
        int forwardedSoFar = decode(topics.decisions(), reader.snapshot(topics.decisions().name())).stream()
                .filter(FilterDecision::getForwarded).map(FilterDecision::getSnippetId).collect(Collectors.toSet())
                .size();
        try {
            await("an LLM request for each forwarded snippet").atMost(Duration.ofMinutes(1))
                    .until(() -> reader.count(topics.llmRequests().name()) >= forwardedSoFar);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(missingRequests(forwardedSoFar), e);
        }
        Map<String, List<ConsumerRecord<byte[], byte[]>>> read = reader.finish(DUPLICATE_WATCH);
        for (Topic<?, ?> output : List.of(topics.decisions(), topics.llmRequests(), topics.deadLetters())) {
            // Everything sent is decided: a transaction still open on an output is one that never ends (hanging),
            // and holds back every read_committed consumer of its partition.
            await("every transaction on " + output.name() + " ended").atMost(TRANSACTIONS_END)
                    .untilAsserted(() -> assertThat(reader.standing(output.name()))
                            .as(output.name() + " partitions").allSatisfy((partition, standing) ->
                                    assertThat(standing.transactionOpen()).as("%d: %s", partition, standing).isFalse()));
        }

        List<FilterDecision> decisions = decode(topics.decisions(), read.get(topics.decisions().name()));
        Map<String, Long> decidedTimes = counts(decisions, FilterDecision::getSnippetId);
        assertThat(decidedTimes.keySet()).as("snippets decided").isEqualTo(new HashSet<>(good));
        assertThat(decidedTimes).as("decisions per snippet").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertInConversationOrder(decisions.stream().map(FilterDecision::getSnippetId).toList(), "decisions");

        Set<String> forwarded = decisions.stream().filter(FilterDecision::getForwarded)
                .map(FilterDecision::getSnippetId).collect(Collectors.toSet());
        List<LlmRequest> requests = decode(topics.llmRequests(), read.get(topics.llmRequests().name()));
        Map<String, Long> requestTimes = counts(requests, r -> r.getSnippet().getSnippetId());
        assertThat(requestTimes.keySet()).as("snippets sent to the LLM").isEqualTo(forwarded);
        assertThat(requestTimes).as("LLM requests per snippet").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertInConversationOrder(requests.stream().map(r -> r.getSnippet().getSnippetId()).toList(),
                "LLM requests");

        Set<String> truncated = decisions.stream().filter(FilterDecision::getTruncated)
                .map(FilterDecision::getSnippetId).collect(Collectors.toSet());
        assertThat(truncated).as("snippets longer than the model reads, flagged").containsAll(driver.truncatedIds());

        List<ConsumerRecord<byte[], byte[]>> dead = read.get(topics.deadLetters().name());
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

    @Override
    public void close() {
        reader.close();
    }

    private static <V> List<V> decode(Topic<?, V> topic, List<ConsumerRecord<byte[], byte[]>> records) {
        Deserializer<V> values = topic.valueSerde().deserializer();
        return records.stream().map(r -> values.deserialize(r.topic(), r.headers(), r.value())).toList();
    }

    /** Whether everything has an outcome yet, said every {@link #REPORT_EVERY} while the gateways catch up. */
    private static final class Progress {

        private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

        private final int good;
        private final int bad;
        private final Instant begin = Instant.now();
        private Instant nextReport = begin.plus(REPORT_EVERY);

        Progress(int good, int bad) {
            this.good = good;
            this.bad = bad;
        }

        boolean reached(int decided, int deadLettered) {
            boolean reached = decided >= good && deadLettered >= bad;
            Instant now = Instant.now();
            if (reached || now.isAfter(nextReport)) {
                System.out.printf("DELIVERY-CHECK: %d of %d decisions and %d of %d dead letters read, %d s after"
                        + " traffic ended%n", decided, good, deadLettered, bad,
                        Duration.between(begin, now).toSeconds());
                nextReport = now.plus(REPORT_EVERY);
            }
            return reached;
        }
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

    private static <T> Map<String, Long> counts(List<T> records, Function<T, String> id) {
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

    /** Which forwarded snippets have no LLM request, and on which partitions, for a failure worth reading. */
    private String missingRequests(int forwarded) {
        Set<String> requested = decode(topics.llmRequests(), reader.snapshot(topics.llmRequests().name())).stream()
                .map(r -> r.getSnippet().getSnippetId()).collect(Collectors.toSet());
        List<String> missing = decode(topics.decisions(), reader.snapshot(topics.decisions().name())).stream()
                .filter(FilterDecision::getForwarded).map(FilterDecision::getSnippetId)
                .filter(id -> !requested.contains(id)).distinct().toList();
        Map<Integer, Long> requestsByPartition = reader.snapshot(topics.llmRequests().name()).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition, TreeMap::new, Collectors.counting()));
        return forwarded + " snippets forwarded, " + requested.size() + " with an LLM request; missing "
                + missing.size() + " (first: " + missing.stream().limit(10).toList() + "); LLM requests by partition "
                + requestsByPartition + "; LLM request partitions " + reader.standing(topics.llmRequests().name());
    }
}
