package dev.sift.gateway.topology;

import dev.sift.classifier.Classification;
import dev.sift.classifier.ClassificationException;
import dev.sift.gateway.audit.StoredAuditBudget;
import dev.sift.gateway.classify.LiveModel;
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
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Scores snippets with the live model, in micro-batches, and emits each one's outcome in input order.
 *
 * <p>Records arrive as bytes and are checked and decoded here, not by Kafka Streams' deserializer: a record beyond the
 * input limits or that cannot be read ({@link UnreadableSnippetException}) or is not a usable snippet
 * ({@link InvalidSnippetException}) throws as it is processed, so the processing exception handler dead-letters it
 * with its raw bytes in the transaction that also commits its offset. (Kafka Streams deserializes a record when it
 * becomes the head of its partition's queue, before it is processed: a dead letter written then can be committed with
 * an offset that does not cover its record yet, and a crash at that moment writes it twice, which the fault suite
 * caught.) Usable snippets go to the
 * {@link PendingBuffer} until it holds {@link BatchingConfig#maxSize()} of them or its oldest has waited
 * {@link BatchingConfig#maxWait()}, checked as each snippet comes and by a wall-clock punctuation every
 * {@link BatchingConfig#checkInterval()}. The wait counts from the oldest snippet, not from a fixed tick: a tick
 * scored every task's buffer at each beat, and under full load, when Kafka Streams takes only a record or two per
 * task between punctuations, batches averaged 3 to 5 snippets instead of 16. The batch is then scored in one call,
 * under one lease of the live model, so a hot swap never splits a batch between two models. If the batch call fails,
 * each snippet is scored on its own and only the ones that still fail become {@link FailedSnippet}s. A decided
 * snippet's outputs are encoded and checked against the output topics' limit ({@link OutputGuard}); one that would
 * not fit becomes a {@link FailedSnippet} too, instead of a send that fails the stream thread. With a batch size of 1
 * there is no buffer at all.
 */
public final class ScoreSnippets implements Processor<String, byte[], String, ScoringOutcome> {

    private final Deserializer<ConversationSnippet> decoder;
    private final LiveModel model;
    private final SnippetDecider decider;
    private final DecisionObserver observer;
    private final BatchingConfig batching;
    private final RawRecordCheck rawCheck;
    private final SnippetValidator validator;
    private final OutputGuard outputs;
    private final Clock clock;
    private final IntSupplier snippetPartitions;
    private ProcessorContext<String, ScoringOutcome> context;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<FilterPolicy>> storedPolicies;
    private TaskStores stores;
    private PendingBuffer buffer;
    private final List<PendingSnippet> single = new ArrayList<>(1);

    /**
     * @param decoder reads snippet records, within the decoding limits
     * @param model the live model
     * @param decider applies the policies to scores
     * @param observer sees each decision that reaches the outputs, and each inference call
     * @param batching batch size and wait
     * @param limits what is accepted as a snippet
     * @param outputs encodes the outputs and checks them against the output topics' limit
     * @param clock wall clock
     * @param snippetPartitions partitions of the snippets topic (the tasks sharing a fleet-wide audit budget)
     */
    ScoreSnippets(Deserializer<ConversationSnippet> decoder, LiveModel model, SnippetDecider decider,
            DecisionObserver observer, BatchingConfig batching, InputLimits limits, OutputGuard outputs,
            Clock clock, IntSupplier snippetPartitions) {
        this.decoder = decoder;
        this.model = model;
        this.decider = decider;
        this.observer = observer;
        this.batching = batching;
        this.rawCheck = new RawRecordCheck(limits);
        this.validator = new SnippetValidator(limits);
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
        if (batching.batched()) {
            buffer = new PendingBuffer(context.getStateStore(PendingBuffer.STORE));
            context.schedule(batching.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushIfDue);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        rawCheck.check(record);
        ConversationSnippet snippet = validator.validate(record.key(), decode(record));
        PendingSnippet pending = pending(record, snippet);
        if (buffer == null) {
            single.add(pending);
            score(single);
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

    private ConversationSnippet decode(Record<String, byte[]> record) {
        try {
            return decoder.deserialize(context.recordMetadata().map(RecordMetadata::topic).orElse(""), record.value());
        } catch (SerializationException e) {
            throw new UnreadableSnippetException(e.getMessage(), e);
        }
    }

    private void flush() {
        if (!buffer.isEmpty()) {
            score(buffer.contents());
            buffer.clear();
        }
    }

    private void score(List<PendingSnippet> batch) {
        List<String> texts = batch.stream().map(p -> p.getSnippet().getText()).toList();
        try (LiveModel.Lease lease = model.acquire()) {
            String version = lease.classifier().info().version();
            List<Classification> scores;
            long start = System.nanoTime();
            try {
                scores = lease.classifier().classify(texts);
            } catch (ClassificationException batchFailed) {
                scoreOneByOne(batch, lease, version);
                return;
            }
            observer.observeInference(texts.size(), System.nanoTime() - start);
            for (int i = 0; i < batch.size(); i++) {
                emit(batch.get(i), scores.get(i), version);
            }
        }
    }

    private void scoreOneByOne(List<PendingSnippet> batch, LiveModel.Lease lease, String version) {
        for (PendingSnippet pending : batch) {
            Classification scores;
            try {
                scores = lease.classifier().classify(pending.getSnippet().getText());
            } catch (ClassificationException e) {
                deadLetter(pending, e);
                continue;
            }
            emit(pending, scores, version);
        }
    }

    private void emit(PendingSnippet pending, Classification scores, String version) {
        long latencyMicros = Math.max(0, micros(clock.instant()) - micros(pending.getReceivedAt()));
        DecidedSnippet decided = decider.decide(pending.getSnippet(), scores, version, latencyMicros, stores);
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

    private PendingSnippet pending(Record<String, byte[]> record, ConversationSnippet snippet) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        List<PendingHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new PendingHeader(header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value())));
        }
        return PendingSnippet.newBuilder()
                .setKey(record.key())
                .setTimestamp(record.timestamp())
                .setReceivedAt(clock.instant())
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setHeaders(headers)
                .setSnippet(snippet)
                .build();
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
