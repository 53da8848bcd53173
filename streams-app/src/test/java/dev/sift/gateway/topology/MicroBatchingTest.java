package dev.sift.gateway.topology;

import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.gateway.support.TopologyDrivers;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.PendingSnippet;
import dev.sift.schema.deadletter.DeadLetterHeaders;
import dev.sift.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static dev.sift.gateway.support.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

/** Specification of the micro-batch between the snippets topic and the model. */
class MicroBatchingTest {

    private static final Duration MAX_WAIT = Duration.ofMillis(50);

    private final Topics topics = Topics.withDefaultNames();
    private final ScriptedClassifier classifier = new ScriptedClassifier("model-v1");
    private final LiveModel model = new LiveModel(classifier);
    private TopologyTestDriver driver;
    private TestInputTopic<String, ConversationSnippet> snippets;
    private TestOutputTopic<String, FilterDecision> decisions;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startTopologyWithBatchesOfThree() {
        StreamsBuilder builder = new StreamsBuilder();
        FilterPolicy policy = FilterPolicy.newBuilder().setTenant(PolicyBook.DEFAULT_ID).setDefaultThreshold(0.5f)
                .setUpdatedAt(Instant.EPOCH).build();
        FilterTopology.build(builder, FilterParts.of(topics, model, new PolicyBook(policy))
                .withBatching(new BatchingConfig(3, MAX_WAIT)));
        driver = TopologyDrivers.start(builder, topics, "batching-test");
        snippets = TopologyDrivers.input(driver, topics.snippets());
        decisions = TopologyDrivers.output(driver, topics.decisions());
        deadLetters = TopologyDrivers.output(driver, topics.deadLetters());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
        model.close();
    }

    @Test
    void shouldScoreAFullBatchInOneCallAndEmitInInputOrder() {
        // Given two snippets: the batch is not full yet
        snippets.pipeInput("c-1", snippet("s-1", "c-1", "first"));
        snippets.pipeInput("c-2", snippet("s-2", "c-2", "second"));
        assertThat(decisions.isEmpty()).isTrue();

        // When the third arrives
        snippets.pipeInput("c-1", snippet("s-3", "c-1", "third complaint=0.9"));

        // Then all three are scored in one call and decided in the order they came
        assertThat(classifier.batchSizes()).containsExactly(3);
        assertThat(decisions.readValuesToList()).extracting(FilterDecision::getSnippetId)
                .containsExactly("s-1", "s-2", "s-3");
    }

    @Test
    void shouldScoreAPartialBatchOnceTheWaitIsOver() {
        // Given one snippet alone in its batch
        snippets.pipeInput("c-1", snippet("s-1", "c-1", "hello"));
        driver.advanceWallClockTime(MAX_WAIT.dividedBy(2));
        assertThat(decisions.isEmpty()).isTrue();

        // When the batch's wait is over
        driver.advanceWallClockTime(MAX_WAIT);

        // Then it is decided on its own
        FilterDecision decision = decisions.readValue();
        assertThat(decision.getSnippetId()).isEqualTo("s-1");
        assertThat(classifier.batchSizes()).containsExactly(1);
    }

    @Test
    void shouldCountTheWaitFromTheOldestSnippetNotFromAFixedTick() {
        // Given an empty buffer for most of a wait
        driver.advanceWallClockTime(MAX_WAIT.minusMillis(5));

        // When a snippet comes just before a fixed tick would have fallen
        snippets.pipeInput("c-1", snippet("s-1", "c-1", "late"));
        driver.advanceWallClockTime(Duration.ofMillis(10));

        // Then it still gets its whole wait to gather company, and is scored once that is over
        assertThat(decisions.isEmpty()).isTrue();
        driver.advanceWallClockTime(MAX_WAIT);
        assertThat(decisions.readValue().getSnippetId()).isEqualTo("s-1");
    }

    @Test
    void shouldKeepBufferedSnippetsInTheChangeloggedStoreUntilScored() {
        // Given two buffered snippets
        snippets.pipeInput("c-1", snippet("s-1", "c-1", "one"));
        snippets.pipeInput("c-1", snippet("s-2", "c-1", "two"));

        // Then the store holds them (its changelog commits with the input offsets)
        KeyValueStore<Long, PendingSnippet> store = driver.getKeyValueStore(PendingBuffer.STORE);
        assertThat(store.approximateNumEntries()).isEqualTo(2);
        assertThat(store.get(0L).getSnippet().getSnippetId()).isEqualTo("s-1");

        // When the batch is scored, the store is empty again
        driver.advanceWallClockTime(MAX_WAIT.multipliedBy(2));
        assertThat(decisions.readValuesToList()).hasSize(2);
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void shouldKeepTimestampAndHeadersOfEachSnippet() {
        // Given a snippet with a trace header and its own timestamp
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "t-42".getBytes(StandardCharsets.UTF_8));
        snippets.pipeInput(new TestRecord<>("c-1", snippet("s-1", "c-1", "hi"), headers,
                Instant.ofEpochMilli(1_700_000_000_000L)));

        // When its batch is scored
        driver.advanceWallClockTime(MAX_WAIT.multipliedBy(2));

        // Then its decision carries both
        TestRecord<String, FilterDecision> decision = decisions.readRecord();
        assertThat(decision.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(new String(decision.headers().lastHeader("trace-id").value(), StandardCharsets.UTF_8))
                .isEqualTo("t-42");
    }

    @Test
    void shouldDeadLetterOnlyTheSnippetTheModelFailsOnAndDecideTheRestOfItsBatch() {
        // Given a batch where the model fails on one snippet
        snippets.pipeInput("c-1", snippet("s-1", "c-1", "fine"));
        snippets.pipeInput("c-2", snippet("s-2", "c-2", "fail-inference please"));
        snippets.pipeInput("c-3", snippet("s-3", "c-3", "also fine"));

        // Then the others are decided
        assertThat(decisions.readValuesToList()).extracting(FilterDecision::getSnippetId)
                .containsExactly("s-1", "s-3");
        // And the failing one goes to the dead-letter topic as it was read, with the reason
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(topics.snippets().valueSerde().deserializer().deserialize(topics.snippets().name(), dead.value())
                .getSnippetId()).isEqualTo("s-2");
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("c-2");
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.MESSAGE).value(), StandardCharsets.UTF_8))
                .contains("inference failed");
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(topics.snippets().name());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAnInvalidSnippetAsItArrivesWithoutHoldingUpTheBatch() {
        // Given a snippet without a conversation id between two good ones
        snippets.pipeInput("c-1", snippet("s-1", "c-1", "one"));
        snippets.pipeInput("c-1", snippet("s-2", "", "no conversation"));
        snippets.pipeInput("c-1", snippet("s-3", "c-1", "three"));

        // Then it is dead-lettered at once, and the good ones still wait for their batch
        assertThat(deadLetters.readRecord().headers().lastHeader(DeadLetterHeaders.MESSAGE)).isNotNull();
        assertThat(decisions.isEmpty()).isTrue();
        driver.advanceWallClockTime(MAX_WAIT.multipliedBy(2));
        assertThat(decisions.readValuesToList()).extracting(FilterDecision::getSnippetId)
                .containsExactly("s-1", "s-3");
        assertThat(classifier.batchSizes()).containsExactly(2);
    }
}
