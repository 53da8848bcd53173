package dev.sift.gateway.topology;

import dev.sift.classifier.Classification;
import dev.sift.gateway.audit.StoredAuditBudget;
import dev.sift.gateway.context.ContextConfig;
import dev.sift.gateway.context.ConversationContexts;
import dev.sift.gateway.context.ThreadedScoring;
import dev.sift.gateway.policy.PolicyTable;
import dev.sift.gateway.release.LiveModel;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.PendingHeader;
import dev.sift.schema.PendingSnippet;
import dev.sift.schema.deadletter.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The gateway's processor, its data path read top to bottom: decode ({@link SnippetIntake}) -> buffer
 * ({@link PendingBuffer}) -> score ({@link BatchScorer}) -> decide ({@link SnippetDecider}) -> encode and route
 * ({@link OutputGuard}; the topology sends each outcome to its topics), every outcome in input order. A model that
 * reads conversation context scores each snippet with its thread's memory, kept per conversation in the task's
 * {@link ConversationContexts}, whose idle conversations a stream-time punctuation purges.
 *
 * <p>Records arrive as bytes and are decoded here, not by Kafka Streams' deserializer: a record that cannot be read or
 * used throws as it is processed, so the processing exception handler dead-letters it with its raw bytes in the
 * transaction that also commits its offset. (Kafka Streams deserializes a record when it becomes the head of its
 * partition's queue, before it is processed: a dead letter written then can be committed with an offset that does not
 * cover its record yet, and a crash at that moment writes it twice, which the fault suite caught.)
 *
 * <p>Usable snippets wait in the buffer until it holds {@link BatchingConfig#maxSize()} of them or its oldest has
 * waited {@link BatchingConfig#maxWait()}, checked as each snippet comes and by a wall-clock punctuation every
 * {@link BatchingConfig#checkInterval()}. The wait counts from the oldest snippet, not from a fixed tick: under full
 * load Kafka Streams hands a task only a record or two between punctuations, and a fixed tick scored nearly empty
 * batches. With a batch size of 1 there is no buffer at all. A snippet the model fails on, or whose outputs would not
 * fit the output topics, becomes a {@link FailedSnippet} (dead-lettered in the same transaction); the rest of its
 * batch is decided.
 */
public final class ScoreSnippets implements Processor<String, byte[], String, ScoringOutcome> {

    private final SnippetIntake intake;
    private final LiveModel model;
    private BatchScorer scorer;
    private final SnippetDecider decider;
    private final DecisionObserver observer;
    private final BatchingConfig batching;
    private final ContextConfig contextConfig;
    private final OutputGuard outputs;
    private final BatchScorer.Results route = new BatchScorer.Results() {
        @Override
        public void scored(PendingSnippet snippet, Classification scores, String modelVersion,
                List<ContextTurn> judgedWith) {
            emit(snippet, scores, modelVersion, judgedWith);
        }

        @Override
        public void failed(PendingSnippet snippet, Exception reason) {
            deadLetter(snippet, reason);
        }
    };
    private final Clock clock;
    private final IntSupplier snippetPartitions;
    private ProcessorContext<String, ScoringOutcome> context;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<FilterPolicy>> storedPolicies;
    private TaskStores stores;
    private ConversationContexts contexts;
    private PendingBuffer buffer;
    private final List<PendingSnippet> single = new ArrayList<>(1);

    /**
     * @param decoder reads snippet records, within the decoding limits
     * @param model the live model
     * @param decider applies the policies to scores
     * @param observer sees each decision that reaches the outputs, and each inference call
     * @param batching batch size and wait
     * @param contextConfig how much of each conversation is remembered for context-aware models
     * @param limits what is accepted as a snippet
     * @param outputs encodes the outputs and checks them against the output topics' limit
     * @param clock wall clock
     * @param snippetPartitions partitions of the snippets topic (the tasks sharing a fleet-wide audit budget)
     */
    ScoreSnippets(Deserializer<ConversationSnippet> decoder, LiveModel model, SnippetDecider decider,
            DecisionObserver observer, BatchingConfig batching, ContextConfig contextConfig, InputLimits limits,
            OutputGuard outputs, Clock clock, IntSupplier snippetPartitions) {
        this.intake = new SnippetIntake(decoder, limits);
        this.model = model;
        this.decider = decider;
        this.observer = observer;
        this.batching = batching;
        this.contextConfig = contextConfig;
        this.outputs = outputs;
        this.clock = clock;
        this.snippetPartitions = snippetPartitions;
    }

    @Override
    public void init(ProcessorContext<String, ScoringOutcome> context) {
        this.context = context;
        this.storedPolicies = context.getStateStore(PolicyTable.STORE);
        this.stores = new TaskStores(this::storedPolicy, new StoredAuditBudget(
                context.getStateStore(StoredAuditBudget.STORE), snippetPartitions.getAsInt()));
        this.contexts = new ConversationContexts(context.getStateStore(ConversationContexts.STORE),
                context.getStateStore(ConversationContexts.EXPIRY_STORE), contextConfig);
        this.scorer = new BatchScorer(model, observer, new ThreadedScoring(contexts));
        context.schedule(contextConfig.purgeInterval(), PunctuationType.STREAM_TIME, streamTime -> contexts.purge());
        if (batching.batched()) {
            buffer = new PendingBuffer(context.getStateStore(PendingBuffer.STORE));
            context.schedule(batching.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushIfDue);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        PendingSnippet pending = intake.take(record, context.recordMetadata().orElseThrow(), clock.instant());
        contexts.saw(pending);
        if (buffer == null) {
            single.add(pending);
            scorer.score(single, route);
            single.clear();
        } else {
            long now = context.currentSystemTimeMs();
            if (buffer.add(pending, now) >= batching.maxSize()) {
                flush();
            } else {
                flushIfDue(now);
            }
        }
    }

    private void flushIfDue(long now) {
        if (buffer.due(now, batching.maxWait())) {
            flush();
        }
    }

    private void flush() {
        if (!buffer.isEmpty()) {
            scorer.score(buffer.contents(), route);
            buffer.clear();
        }
    }

    private void emit(PendingSnippet pending, Classification scores, String version, List<ContextTurn> judgedWith) {
        long latencyMicros = Math.max(0, micros(clock.instant()) - micros(pending.getReceivedAt()));
        DecidedSnippet decided = decider.decide(pending.getSnippet(), judgedWith, scores, version, latencyMicros,
                stores);
        Headers headers = headers(pending);
        DecisionOutputs encoded;
        try {
            encoded = outputs.encode(decided, headers);
        } catch (OversizedOutputException e) {
            deadLetter(pending, e);
            return;
        }
        observer.observe(decided, decided.policy());
        context.forward(new Record<>(pending.getKey(), encoded, pending.getTimestamp(), headers));
    }

    /** A snippet taken but not decided goes to the dead-letter topic with the reason, in the same transaction. */
    private void deadLetter(PendingSnippet pending, Exception reason) {
        Headers headers = DeadLetterHeaders.add(headers(pending), reason, pending.getSourceTopic(),
                pending.getSourcePartition(), pending.getSourceOffset());
        context.forward(new Record<>(pending.getKey(), new FailedSnippet(pending.getSnippet(), reason),
                pending.getTimestamp(), headers));
    }

    private static Headers headers(PendingSnippet pending) {
        RecordHeaders headers = new RecordHeaders();
        for (PendingHeader header : pending.getHeaders()) {
            ByteBuffer value = header.getValue();
            headers.add(header.getKey(), value == null ? null : bytes(value));
        }
        return headers;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private FilterPolicy storedPolicy(String id) {
        ValueAndTimestamp<FilterPolicy> value = storedPolicies == null ? null : storedPolicies.get(id);
        return value == null ? null : value.value();
    }
}
