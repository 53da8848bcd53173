package dev.sift.gateway.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.gateway.context.ContextConfig;
import dev.sift.gateway.context.ConversationContexts;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.support.ContextScriptedClassifier;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.gateway.support.TopologyDrivers;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationContext;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.IntentScore;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.RecentSnippet;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import dev.sift.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of conversation context in the data path: with a context-aware model each snippet is judged with the
 * memory of its own thread (threadId, else the replied turn's thread, else the conversation's main thread), the
 * memory is bounded in time and size, and a context-free model never touches it. The double
 * ({@link ContextScriptedClassifier}) scores a turn with the larger of its own scripted score and the mean of its
 * thread's earlier customer turns, so a short reply's scores tell which thread it was judged in.
 */
class ConversationContextTopologyTest {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);
    private static final ContextConfig ONE_HOUR = new ContextConfig(Duration.ofHours(1), 8, 64, Duration.ofMinutes(1),
            8, 2000);
    private static final Duration MAX_WAIT = Duration.ofMillis(50);

    private final Topics topics = Topics.withDefaultNames();
    private final List<TopologyTestDriver> drivers = new ArrayList<>();
    private final List<LiveModel> models = new ArrayList<>();

    @AfterEach
    void stopTopologies() {
        drivers.forEach(TopologyTestDriver::close);
        models.forEach(LiveModel::close);
    }

    @Test
    void shouldJudgeEachShortReplyOfTwoInterleavedThreadsWithItsOwnThreadsTurns() {
        // Given one conversation with a billing thread and a shopping thread, interleaved
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD, ONE_HOUR);
        gateway.send(turn("s-1", "c-1", "billing", null, "charged twice complaint=0.9", 0));
        gateway.send(turn("s-2", "c-1", "shopping", null, "love these shoes praise=0.8", 1));

        // When a short reply comes in each
        gateway.send(turn("s-3", "c-1", "billing", null, "yes still", 2));
        gateway.send(turn("s-4", "c-1", "shopping", null, "yes please", 3));

        // Then each is judged with its own thread's earlier turn
        Map<String, FilterDecision> decided = gateway.decisions();
        assertThat(score(decided.get("s-3"), "complaint")).isCloseTo(0.9f, within(1e-6f));
        assertThat(score(decided.get("s-3"), "praise")).isCloseTo(0.05f, within(1e-6f));
        assertThat(score(decided.get("s-4"), "praise")).isCloseTo(0.8f, within(1e-6f));
        assertThat(score(decided.get("s-4"), "complaint")).isCloseTo(0.05f, within(1e-6f));
        assertThat(decided.get("s-3").getForwarded()).isTrue();
    }

    @Test
    void shouldCarryTheLatestTurnsOfItsOwnThreadToAForwardedTurnsRequest() {
        // Given a gateway remembering two turns of text per thread, and a billing thread interleaved with a shopping one
        ContextConfig twoTurns = new ContextConfig(Duration.ofHours(1), 8, 64, Duration.ofMinutes(1), 2, 2000);
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD, twoTurns);
        gateway.send(turn("s-1", "c-1", "billing", null, "charged twice complaint=0.9", 0));
        gateway.send(turn("s-2", "c-1", "shopping", null, "love these shoes praise=0.8", 1));
        gateway.send(turn("s-3", "c-1", "billing", null, "on my card complaint=0.9", 2));
        gateway.send(turn("s-4", "c-1", "billing", null, "last week complaint=0.9", 3));

        // When a short reply in the billing thread is forwarded for what it answers
        gateway.send(turn("s-5", "c-1", "billing", null, "yes still", 4));

        // Then its request carries the billing thread's two latest turns, oldest first, and the thread's first turn
        // none
        Map<String, LlmRequest> requests = gateway.llmRequests();
        assertThat(requests.get("s-5").getContext()).extracting(ContextTurn::getSnippetId, ContextTurn::getText,
                        ContextTurn::getRole)
                .containsExactly(tuple("s-3", "on my card complaint=0.9", SpeakerRole.CUSTOMER),
                        tuple("s-4", "last week complaint=0.9", SpeakerRole.CUSTOMER));
        assertThat(requests.get("s-1").getContext()).isEmpty();
        assertThat(gateway.storedContext("c-1").getThreads()).filteredOn(t -> "billing".equals(t.getThreadId()))
                .singleElement().satisfies(t -> assertThat(t.getRecentTurns()).extracting(ContextTurn::getSnippetId)
                        .containsExactly("s-4", "s-5"));
    }

    @Test
    void shouldJoinTheRepliedTurnsThreadWhenASnippetOnlyRepliesAndTheMainThreadOtherwise() {
        // Given a complaint in a named thread and praise in the conversation's main thread
        ContextScriptedClassifier classifier = new ContextScriptedClassifier("ctx-v1");
        Gateway gateway = start(classifier, BatchingConfig.PER_RECORD, ONE_HOUR);
        gateway.send(turn("s-1", "c-1", "billing", null, "charged twice complaint=0.9", 0));
        gateway.send(turn("s-2", "c-1", null, null, "great service praise=0.8", 1));

        // When one short turn replies to the complaint, another replies to nothing known, a third to nothing
        gateway.send(turn("s-3", "c-1", null, "s-1", "yes that one", 2));
        gateway.send(turn("s-4", "c-1", null, "s-unknown", "ok then", 3));
        gateway.send(turn("s-5", "c-1", null, null, "and thanks", 4));

        // Then the reply is judged in the complaint's thread, the others in the main thread
        Map<String, FilterDecision> decided = gateway.decisions();
        assertThat(score(decided.get("s-3"), "complaint")).isCloseTo(0.9f, within(1e-6f));
        assertThat(score(decided.get("s-4"), "praise")).isCloseTo(0.8f, within(1e-6f));
        assertThat(score(decided.get("s-4"), "complaint")).isCloseTo(0.05f, within(1e-6f));
        assertThat(score(decided.get("s-5"), "praise")).isGreaterThan(0.4f);
        assertThat(classifier.memoryOf("and thanks").customerTurns()).isEqualTo(2);
    }

    @Test
    void shouldDecideABatchHoldingSeveralTurnsOfOneThreadAsIfTheyCameOneByOne() {
        // Given the same turns, three of one thread, for a gateway scoring one by one and one scoring batches of six
        List<ConversationSnippet> turns = List.of(
                turn("s-1", "c-1", "a", null, "complaint=0.9", 0),
                turn("s-2", "c-1", "b", null, "praise=0.7", 1),
                turn("s-3", "c-1", "a", null, "refund_request=0.6", 2),
                turn("s-4", "c-1", "a", null, "ok", 3),
                turn("s-5", "c-1", "b", null, "ok", 4),
                turn("s-6", "c-2", null, null, "hello", 5));
        Gateway single = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD, ONE_HOUR);
        ContextScriptedClassifier batchedModel = new ContextScriptedClassifier("ctx-v1");
        Gateway batched = start(batchedModel, new BatchingConfig(6, MAX_WAIT), ONE_HOUR);

        // When both decide them
        turns.forEach(single::send);
        turns.forEach(batched::send);

        // Then every decision has the same scores, in the same order, and the batch took one call per round
        List<FilterDecision> one = single.decisionList();
        List<FilterDecision> six = batched.decisionList();
        assertThat(six).extracting(FilterDecision::getSnippetId).containsExactly("s-1", "s-2", "s-3", "s-4", "s-5",
                "s-6");
        for (int i = 0; i < turns.size(); i++) {
            assertThat(six.get(i).getIntents()).as(six.get(i).getSnippetId()).isEqualTo(one.get(i).getIntents());
            assertThat(six.get(i).getForwarded()).isEqualTo(one.get(i).getForwarded());
        }
        assertThat(score(six.get(3), "refund_request")).isCloseTo(0.325f, within(1e-6f));
        assertThat(batchedModel.batchSizes()).containsExactly(3, 2, 1);
        assertThat(batched.storedContext("c-1")).isEqualTo(single.storedContext("c-1"));
    }

    @Test
    void shouldScoreABatchOfDistinctThreadsInOneInferenceCall() {
        ContextScriptedClassifier classifier = new ContextScriptedClassifier("ctx-v1");
        Gateway gateway = start(classifier, new BatchingConfig(4, MAX_WAIT), ONE_HOUR);

        gateway.send(turn("s-1", "c-1", "a", null, "one", 0));
        gateway.send(turn("s-2", "c-1", "b", null, "two", 0));
        gateway.send(turn("s-3", "c-2", null, null, "three", 0));
        gateway.send(turn("s-4", "c-3", null, null, "four", 0));

        assertThat(classifier.batchSizes()).containsExactly(4);
        assertThat(gateway.decisionList()).hasSize(4);
    }

    @Test
    void shouldFoldNothingOfATurnTheModelFailedOn() {
        // Given a complaint, then a turn the model fails on in the same thread
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD, ONE_HOUR);
        gateway.send(turn("s-1", "c-1", "t", null, "complaint=0.9", 0));
        gateway.send(turn("s-2", "c-1", "t", null, "fail-inference praise=0.9", 1));

        // When the thread goes on
        gateway.send(turn("s-3", "c-1", "t", null, "ok", 2));

        // Then the failed turn is dead-lettered and left no trace in the thread's memory
        assertThat(gateway.deadLetters.readRecord().headers().lastHeader("__streams.errors.message")).isNotNull();
        FilterDecision next = gateway.decisions().get("s-3");
        assertThat(score(next, "complaint")).isCloseTo(0.9f, within(1e-6f));
        assertThat(score(next, "praise")).isCloseTo(0.05f, within(1e-6f));
    }

    @Test
    void shouldDeadLetterATurnTheModelReturnsNoEmbeddingForAndDecideTheRestOfItsBatch() {
        // Given a batch in which the model returns one turn without its embedding
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), new BatchingConfig(3, MAX_WAIT), ONE_HOUR);
        gateway.send(turn("s-1", "c-1", "t", null, "complaint=0.9", 0));
        gateway.send(turn("s-2", "c-2", null, null, "no-embedding praise=0.9", 1));
        gateway.send(turn("s-3", "c-3", null, null, "hello", 2));

        // Then that turn is dead-lettered with the reason, and the others are decided
        assertThat(gateway.decisionList()).extracting(FilterDecision::getSnippetId).containsExactly("s-1", "s-3");
        assertThat(new String(gateway.deadLetters.readRecord().headers().lastHeader("__streams.errors.message")
                .value(), StandardCharsets.UTF_8))
                .startsWith("the context-aware model returned no usable embedding for the turn");
    }

    @Test
    void shouldReadAThreadIdleBeyondTheTimeToLiveAsEmptyAndPurgeIdleConversations() {
        // Given a complaint in c-1 and one in c-2, with a one-hour time-to-live
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD, ONE_HOUR);
        gateway.send(turn("s-1", "c-1", null, null, "complaint=0.9", 0));
        gateway.send(turn("s-2", "c-2", null, null, "complaint=0.9", 0));

        // When c-1 goes on 61 minutes later, before any purge could delete it
        assertThat(gateway.storedContext("c-1")).isNotNull();
        gateway.send(turn("s-3", "c-1", null, null, "ok", 61));

        // Then its idle thread reads as empty
        assertThat(score(gateway.decisions().get("s-3"), "complaint")).isCloseTo(0.05f, within(1e-6f));

        // When stream time moves on 121 minutes with traffic of c-1 only
        gateway.send(turn("s-4", "c-1", null, null, "still here", 121));

        // Then the purge deleted c-2, idle for more than the time-to-live, and kept c-1
        assertThat(gateway.storedContext("c-2")).isNull();
        assertThat(gateway.storedContext("c-1")).isNotNull();
        assertThat(gateway.entries(ConversationContexts.EXPIRY_STORE)).hasSize(1);
    }

    @Test
    void shouldFileABusyConversationInTheExpiryIndexOncePerPurgeInterval() {
        // Given a conversation filed in the expiry index by its first turn
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD, ONE_HOUR);
        gateway.send(turn("s-1", "c-1", null, null, "hello", 0));
        gateway.decisions();
        List<String> filed = gateway.entries(ConversationContexts.EXPIRY_STORE);

        // When it goes on within the same minute (the purge interval), then in the next one
        gateway.send(turnAt("s-2", "c-1", "still there", T0.plusSeconds(20)));
        gateway.decisions();
        List<String> sameMinute = gateway.entries(ConversationContexts.EXPIRY_STORE);
        gateway.send(turnAt("s-3", "c-1", "and now", T0.plusSeconds(80)));
        gateway.decisions();

        // Then the index is not rewritten within the minute, and holds the conversation once, moved, after it
        assertThat(sameMinute).isEqualTo(filed).hasSize(1);
        assertThat(gateway.entries(ConversationContexts.EXPIRY_STORE)).hasSize(1).isNotEqualTo(filed);
    }

    @Test
    void shouldKeepAnActiveConversationWhoseOldExpiryEntryLingers() {
        // Given an active conversation with a stale entry in the expiry index (as an earlier index format leaves)
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD, ONE_HOUR);
        gateway.send(turn("s-1", "c-1", null, null, "complaint=0.9", 0));
        gateway.decisions();
        gateway.putEntry(ConversationContexts.EXPIRY_STORE, "00000000000000000000/c-1", "c-1");

        // When stream time moves on and the purge runs
        gateway.send(turn("s-2", "c-2", null, null, "hi", 3));
        gateway.send(turn("s-3", "c-1", null, null, "ok", 4));

        // Then only the stale entry went: c-1 keeps its memory
        assertThat(score(gateway.decisions().get("s-3"), "complaint")).isCloseTo(0.9f, within(1e-6f));
        assertThat(gateway.entries(ConversationContexts.EXPIRY_STORE)).doesNotContain("00000000000000000000/c-1")
                .hasSize(2);
    }

    @Test
    void shouldNotLetAFutureDatedSnippetMakeOtherConversationsLookIdle() {
        // Given a gateway whose clock reads one minute after a complaint in c-1
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD, ONE_HOUR,
                Clock.fixed(T0.plus(Duration.ofMinutes(1)), ZoneOffset.UTC));
        gateway.send(turn("s-1", "c-1", null, null, "complaint=0.9", 0));

        // When a producer sends a snippet dated a century ahead, and stream time moves on
        gateway.send(turn("s-2", "c-666", null, null, "hello", 100 * 365 * 24 * 60));
        gateway.send(turn("s-3", "c-2", null, null, "hi", 2), T0.plus(Duration.ofHours(3)));

        // Then c-1 is still remembered, and its next turn is judged with it
        assertThat(gateway.storedContext("c-1")).isNotNull();
        gateway.send(turn("s-4", "c-1", null, null, "ok", 2));
        assertThat(score(gateway.decisions().get("s-4"), "complaint")).isCloseTo(0.9f, within(1e-6f));
    }

    @Test
    void shouldEvictTheLeastRecentlyActiveThreadBeyondTheMostThreadsPerConversation() {
        // Given at most two threads per conversation
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD,
                new ContextConfig(Duration.ofHours(1), 2, 64, Duration.ofMinutes(1), 8, 2000));
        gateway.send(turn("s-1", "c-1", "t1", null, "complaint=0.9", 0));
        gateway.send(turn("s-2", "c-1", "t2", null, "praise=0.8", 1));

        // When a third thread starts
        gateway.send(turn("s-3", "c-1", "t3", null, "refund_request=0.7", 2));

        // Then the conversation keeps two threads, and the least recently active one is forgotten
        assertThat(gateway.storedContext("c-1").getThreads()).extracting(t -> t.getThreadId())
                .containsExactly("t2", "t3");
        gateway.send(turn("s-4", "c-1", "t1", null, "ok", 3));
        gateway.send(turn("s-5", "c-1", "t3", null, "ok", 4));
        Map<String, FilterDecision> decided = gateway.decisions();
        assertThat(score(decided.get("s-4"), "complaint")).isCloseTo(0.05f, within(1e-6f));
        assertThat(score(decided.get("s-5"), "refund_request")).isCloseTo(0.7f, within(1e-6f));
    }

    @Test
    void shouldForgetTheOldestSnippetIdsBeyondTheReplyIndexBound() {
        // Given at most two snippet ids remembered per conversation
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD,
                new ContextConfig(Duration.ofHours(1), 8, 2, Duration.ofMinutes(1), 8, 2000));
        gateway.send(turn("s-1", "c-1", "billing", null, "complaint=0.9", 0));
        gateway.send(turn("s-2", "c-1", "other", null, "hello", 1));
        gateway.send(turn("s-3", "c-1", "other", null, "hello again", 2));

        // When a turn replies to the first, no longer remembered
        gateway.send(turn("s-4", "c-1", null, "s-1", "yes", 3));

        // Then it joins the main thread
        assertThat(score(gateway.decisions().get("s-4"), "complaint")).isCloseTo(0.05f, within(1e-6f));
        assertThat(gateway.storedContext("c-1").getRecentSnippets()).hasSize(2);
    }

    @Test
    void shouldKeepNamedThreadsTurnsFindableHoweverManyMainThreadTurnsFollow() {
        // Given at most two snippet ids remembered per conversation, a complaint in a named thread, then three turns
        // of the main thread
        Gateway gateway = start(new ContextScriptedClassifier("ctx-v1"), BatchingConfig.PER_RECORD,
                new ContextConfig(Duration.ofHours(1), 8, 2, Duration.ofMinutes(1), 8, 2000));
        gateway.send(turn("s-1", "c-1", "billing", null, "complaint=0.9", 0));
        gateway.send(turn("s-2", "c-1", null, null, "hello", 1));
        gateway.send(turn("s-3", "c-1", null, null, "anyone here?", 2));
        gateway.send(turn("s-4", "c-1", null, null, "hello again", 3));

        // When a turn replies to the complaint
        gateway.send(turn("s-5", "c-1", null, "s-1", "same here", 4));

        // Then it is judged in the complaint's thread: main-thread turns take no place in the reply index, since a
        // reply to a turn it lacks joins the main thread anyway
        assertThat(score(gateway.decisions().get("s-5"), "complaint")).isCloseTo(0.9f, within(1e-6f));
        assertThat(gateway.storedContext("c-1").getRecentSnippets()).extracting(RecentSnippet::getSnippetId)
                .containsExactly("s-1", "s-5");
    }

    @Test
    void shouldResetMemoriesWhenAModelOfAnotherVersionScores() {
        // Given a complaint judged by model ctx-v1
        ContextScriptedClassifier first = new ContextScriptedClassifier("ctx-v1");
        Gateway gateway = start(first, BatchingConfig.PER_RECORD, ONE_HOUR);
        gateway.send(turn("s-1", "c-1", "billing", null, "complaint=0.9", 0));

        // When ctx-v2 is swapped in and the thread goes on
        gateway.model.swap(new ContextScriptedClassifier("ctx-v2"));
        gateway.send(turn("s-2", "c-1", "billing", null, "ok", 1));

        // Then the reply is judged with an empty memory: ctx-v1's embeddings are not ctx-v2's
        FilterDecision decision = gateway.decisions().get("s-2");
        assertThat(decision.getModelVersion()).isEqualTo("ctx-v2");
        assertThat(score(decision, "complaint")).isCloseTo(0.05f, within(1e-6f));
        assertThat(gateway.storedContext("c-1").getModelVersion()).isEqualTo("ctx-v2");
    }

    @Test
    void shouldNeverTouchTheContextStoresWithAContextFreeModel() {
        // Given a model that judges each snippet alone
        Gateway gateway = start(new ScriptedClassifier("plain-v1"), BatchingConfig.PER_RECORD, ONE_HOUR);

        // When threaded snippets and replies come
        gateway.send(turn("s-1", "c-1", "billing", null, "complaint=0.9", 0));
        gateway.send(turn("s-2", "c-1", null, "s-1", "ok", 1));

        // Then they are decided as before, and the context stores stay empty
        Map<String, FilterDecision> decided = gateway.decisions();
        assertThat(score(decided.get("s-2"), "complaint")).isCloseTo(0.05f, within(1e-6f));
        assertThat(decided.get("s-1").getForwarded()).isTrue();
        assertThat(gateway.entries(ConversationContexts.STORE)).isEmpty();
        assertThat(gateway.entries(ConversationContexts.EXPIRY_STORE)).isEmpty();
    }

    private Gateway start(SnippetClassifier classifier, BatchingConfig batching,
            ContextConfig context) {
        return start(classifier, batching, context, Clock.systemUTC());
    }

    private Gateway start(SnippetClassifier classifier, BatchingConfig batching,
            ContextConfig context, Clock clock) {
        LiveModel model = new LiveModel(classifier);
        models.add(model);
        StreamsBuilder builder = new StreamsBuilder();
        FilterPolicy policy = FilterPolicy.newBuilder().setTenant(PolicyBook.DEFAULT_ID).setDefaultThreshold(0.5f)
                .setUpdatedAt(Instant.EPOCH).build();
        FilterTopology.build(builder, FilterParts.of(topics, model, new PolicyBook(policy)).withBatching(batching)
                .withContext(context).withClock(clock));
        TopologyTestDriver driver = TopologyDrivers.start(builder, topics, "context-test-" + drivers.size());
        drivers.add(driver);
        return new Gateway(driver, model);
    }

    /**
     * @param minutes event time, minutes after {@link #T0} (also the record's timestamp, which drives stream time)
     */
    private static ConversationSnippet turnAt(String id, String conversation, String text, Instant at) {
        ConversationSnippet snippet = turn(id, conversation, null, null, text, 0);
        snippet.setEventTime(at);
        return snippet;
    }

    private static ConversationSnippet turn(String id, String conversation, String thread, String replyTo,
            String text, long minutes) {
        return ConversationSnippet.newBuilder()
                .setSnippetId(id).setConversationId(conversation).setTenant("acme").setChannel("chat")
                .setSpeaker(Speaker.newBuilder().setId("u-1").setRole(SpeakerRole.CUSTOMER).build())
                .setText(text).setEventTime(T0.plus(Duration.ofMinutes(minutes)))
                .setThreadId(thread).setReplyTo(replyTo)
                .build();
    }

    private static float score(FilterDecision decision, String intent) {
        return decision.getIntents().stream().filter(s -> s.getIntent().equals(intent)).map(IntentScore::getScore)
                .findFirst().orElseThrow(() -> new AssertionError(intent + " not in " + decision.getIntents()));
    }

    /** One topology under test and its topics. */
    private final class Gateway {
        private final TopologyTestDriver driver;
        private final LiveModel model;
        private final TestInputTopic<String, ConversationSnippet> snippets;
        private final TestOutputTopic<String, FilterDecision> decisions;
        private final TestOutputTopic<String, LlmRequest> llmRequests;
        private final TestOutputTopic<byte[], byte[]> deadLetters;

        Gateway(TopologyTestDriver driver, LiveModel model) {
            this.driver = driver;
            this.model = model;
            this.snippets = TopologyDrivers.input(driver, topics.snippets());
            this.decisions = TopologyDrivers.output(driver, topics.decisions());
            this.llmRequests = TopologyDrivers.output(driver, topics.llmRequests());
            this.deadLetters = TopologyDrivers.output(driver, topics.deadLetters());
        }

        void send(ConversationSnippet snippet) {
            send(snippet, snippet.getEventTime());
        }

        void send(ConversationSnippet snippet, Instant recordTime) {
            snippets.pipeInput(new TestRecord<>(snippet.getConversationId(), snippet, new RecordHeaders(),
                    recordTime));
        }

        List<FilterDecision> decisionList() {
            driver.advanceWallClockTime(MAX_WAIT.multipliedBy(2));
            return decisions.readValuesToList();
        }

        Map<String, FilterDecision> decisions() {
            Map<String, FilterDecision> out = new LinkedHashMap<>();
            decisionList().forEach(d -> out.put(d.getSnippetId(), d));
            return out;
        }

        Map<String, LlmRequest> llmRequests() {
            driver.advanceWallClockTime(MAX_WAIT.multipliedBy(2));
            Map<String, LlmRequest> out = new LinkedHashMap<>();
            llmRequests.readValuesToList().forEach(r -> out.put(r.getSnippet().getSnippetId(), r));
            return out;
        }

        ConversationContext storedContext(String conversation) {
            KeyValueStore<String, ConversationContext> store = driver.getKeyValueStore(ConversationContexts.STORE);
            return store.get(conversation);
        }

        void putEntry(String storeName, String key, String value) {
            KeyValueStore<String, String> store = driver.getKeyValueStore(storeName);
            store.put(key, value);
        }

        List<String> entries(String storeName) {
            KeyValueStore<String, Object> store = driver.getKeyValueStore(storeName);
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, Object> all = store.all()) {
                all.forEachRemaining((KeyValue<String, Object> entry) -> keys.add(entry.key));
            }
            return keys;
        }
    }
}
