package dev.sift.modelops.label;

import dev.sift.schema.LlmRequest;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the forwarded and the audit requests, has each poll's batch labeled concurrently, and writes one feedback
 * record or one dead letter per request together with the consumed offsets in one Kafka transaction
 * ({@code read_committed} input, transactional producer, {@code sendOffsetsToTransaction}): a crash or a failed commit
 * loses nothing and duplicates nothing; the batch is labeled again.
 *
 * <p>The transaction opens only once the batch's labels are in, so it lasts milliseconds, not the minutes of a slow
 * LLM: a long-open transaction would hold back every {@code read_committed} reader of the feedback topic. The labeler
 * is a static member of its group and its transactional id is stable ({@code <group>-<instance>}): a restarted labeler
 * takes over its partitions at once and rolls back whatever its crashed predecessor left open.
 */
public final class LabelingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(LabelingLoop.class);
    /** Commits of one batch that may fail in a row before the loop gives up instead of spinning on it. */
    private static final int MAX_FAILED_COMMITS = 3;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration ASSIGNMENT_WAIT = Duration.ofSeconds(60);

    private final Parts parts;
    private final Deserializer<LlmRequest> requests;
    private volatile boolean stopping;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile ExecutorService pool;

    /** How far the loop reads. */
    public enum Mode {
        /** Up to the end the request topics have when the run starts, then return. */
        TO_END,
        /** Until {@link #stop()}. */
        FOLLOW
    }

    /**
     * What the loop works with.
     *
     * @param teacher who labels
     * @param feedback turns answers into feedback records
     * @param topics the request, feedback and label dead-letter topics
     * @param kafka Kafka client settings (bootstrap servers, security)
     * @param config labeler settings (group, batch size, concurrency)
     * @param instanceId this labeler's stable name
     * @param metrics where outcomes are counted
     */
    public record Parts(Teacher teacher, FeedbackFactory feedback, Topics topics, Map<String, Object> kafka,
            LabelerConfig config, String instanceId, LabelerMetrics metrics) {

        /** Copies the Kafka settings. */
        public Parts {
            kafka = Map.copyOf(kafka);
        }
    }

    /**
     * @param parts what the loop works with
     */
    public LabelingLoop(Parts parts) {
        this.parts = parts;
        this.requests = parts.topics().llmRequests().valueSerde().deserializer();
    }

    /**
     * Labels until the end (TO_END) or until stopped (FOLLOW).
     *
     * @param mode how far to read
     * @throws LabelingException MISCONFIGURED when the teacher cannot work at all; the batch is not committed
     * @throws InterruptedException when interrupted (not when {@link #stop()}ped: then it returns)
     * @throws IllegalStateException when Kafka refuses the labeler (fenced by another labeler with the same instance
     *     id, not authorized) or one batch cannot be committed again and again
     */
    public void run(Mode mode) throws LabelingException, InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(parts.config().getConcurrency(), daemonThreads());
        pool = workers;
        KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer = kafkaConsumer;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            // Before reading anything: fences a crashed predecessor and rolls back its open transaction.
            producer.initTransactions();
            List<String> sources = List.of(parts.topics().llmRequests().name(),
                    parts.topics().auditRequests().name());
            Map<TopicPartition, Long> ends = mode == Mode.TO_END ? endOffsets(kafkaConsumer, sources) : Map.of();
            if (mode == Mode.TO_END && ends.values().stream().allMatch(end -> end == 0)) {
                return;
            }
            kafkaConsumer.subscribe(sources);
            Instant assignmentDeadline = Instant.now().plus(ASSIGNMENT_WAIT);
            AtomicInteger failedCommits = new AtomicInteger();
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = kafkaConsumer.poll(POLL);
                if (!records.isEmpty()) {
                    process(kafkaConsumer, producer, records, workers, failedCommits);
                }
                if (mode == Mode.TO_END) {
                    Set<TopicPartition> assigned = kafkaConsumer.assignment();
                    if (!assigned.isEmpty() && assigned.stream()
                            .allMatch(tp -> kafkaConsumer.position(tp) >= ends.getOrDefault(tp, 0L))) {
                        return;
                    }
                    if (assigned.isEmpty() && Instant.now().isAfter(assignmentDeadline)) {
                        throw new IllegalStateException("no request partition was assigned to this labeler within "
                                + ASSIGNMENT_WAIT.toSeconds() + " s: other labelers of group "
                                + parts.config().getGroupId() + " hold them");
                    }
                }
            }
        } catch (WakeupException | InterruptedException e) {
            if (!stopping) {
                throw e;
            }
        } finally {
            workers.shutdownNow();
            consumer = null;
            kafkaConsumer.close(CloseOptions.groupMembershipOperation(
                    CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(10)));
        }
    }

    /**
     * Stops the loop from another thread, for good: calls in flight are interrupted, the batch in progress is not
     * committed and will be labeled again; a later {@link #run} returns at once.
     */
    public void stop() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> running = consumer;
        if (running != null) {
            running.wakeup();
        }
        ExecutorService workers = pool;
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private void process(KafkaConsumer<byte[], byte[]> kafkaConsumer, KafkaProducer<byte[], byte[]> producer,
            ConsumerRecords<byte[], byte[]> records, ExecutorService workers, AtomicInteger failedCommits)
            throws LabelingException, InterruptedException {
        List<Pending> pending = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            pending.add(submit(record, workers));
        }
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Pending p : pending) {
                outcomes.add(p.await());
            }
        } catch (LabelingException | InterruptedException | RuntimeException e) {
            pending.forEach(p -> p.future().cancel(true));
            rewind(kafkaConsumer, records);
            throw e;
        }
        try {
            producer.beginTransaction();
            for (Outcome outcome : outcomes) {
                producer.send(outcome.record());
            }
            producer.sendOffsetsToTransaction(nextOffsets(records), kafkaConsumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException | FencedInstanceIdException
                | AuthorizationException fatal) {
            throw new IllegalStateException("Kafka refused labeler " + parts.instanceId() + " (another labeler with"
                    + " the same instance id, or missing rights): " + fatal.getMessage(), fatal);
        } catch (KafkaException e) {
            abort(producer);
            rewind(kafkaConsumer, records);
            if (failedCommits.incrementAndGet() >= MAX_FAILED_COMMITS) {
                throw new IllegalStateException("a batch of " + records.count() + " requests could not be committed "
                        + MAX_FAILED_COMMITS + " times in a row: " + e.getMessage(), e);
            }
            LOG.warn("labels of {} requests rolled back, labeling them again: {}", records.count(), e.toString());
            return;
        }
        failedCommits.set(0);
        committed(outcomes);
    }

    private void committed(List<Outcome> outcomes) {
        int labeled = 0;
        Map<FailureKind, Integer> dead = new EnumMap<>(FailureKind.class);
        List<String> unknown = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.failure() == null) {
                labeled++;
                unknown.addAll(outcome.unknownIntents());
            } else {
                dead.merge(outcome.failure().kind(), 1, Integer::sum);
                LOG.info("dead-lettered a request from {}: {}", outcome.source(), outcome.failure().getMessage());
            }
        }
        if (!unknown.isEmpty()) {
            LOG.info("dropped {} intents outside the catalogue", unknown.size());
        }
        parts.metrics().recordCommitted(labeled, dead, unknown);
    }

    private Pending submit(ConsumerRecord<byte[], byte[]> record, ExecutorService workers) {
        LlmRequest request;
        try {
            request = decode(record);
        } catch (LabelingException unreadable) {
            return new Pending(CompletableFuture.completedFuture(deadLetter(record, unreadable)));
        }
        try {
            return new Pending(workers.submit(() -> label(record, request)));
        } catch (RejectedExecutionException stopped) {
            return new Pending(CompletableFuture.failedFuture(
                    new InterruptedException("the labeler is stopping")));
        }
    }

    private Outcome label(ConsumerRecord<byte[], byte[]> record, LlmRequest request)
            throws LabelingException, InterruptedException {
        TeacherAnswer answer;
        try {
            answer = parts.teacher().label(request);
        } catch (LabelingException e) {
            if (!e.kind().deadLetters()) {
                throw e;
            }
            return deadLetter(record, e);
        } catch (RuntimeException e) {
            return deadLetter(record, new LabelingException(FailureKind.TEACHER_UNAVAILABLE,
                    "the teacher failed: " + e, 1, e));
        }
        FeedbackFactory.Labeled labeled = parts.feedback().feedback(request, answer);
        SnippetFeedback feedback = labeled.feedback();
        String topic = parts.topics().feedback().name();
        byte[] key = parts.topics().feedback().keySerde().serializer().serialize(topic, feedback.getSnippetId());
        byte[] value = parts.topics().feedback().valueSerde().serializer().serialize(topic, feedback);
        return new Outcome(new ProducerRecord<>(topic, key, value), null, labeled.unknownIntents(), source(record));
    }

    private LlmRequest decode(ConsumerRecord<byte[], byte[]> record) throws LabelingException {
        if (record.value() == null) {
            throw new LabelingException(FailureKind.UNREADABLE_REQUEST, "record without a value");
        }
        LlmRequest request;
        try {
            request = requests.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            throw new LabelingException(FailureKind.UNREADABLE_REQUEST, String.valueOf(e.getMessage()), 0, e);
        }
        if (request == null || request.getSnippet().getSnippetId().isBlank()) {
            throw new LabelingException(FailureKind.INVALID_REQUEST, "request without a snippet id");
        }
        return request;
    }

    private Outcome deadLetter(ConsumerRecord<byte[], byte[]> record, LabelingException failure) {
        return new Outcome(LabelDeadLetters.of(parts.topics().labelDeadLetters().name(), record, failure), failure,
                List.of(), source(record));
    }

    private static String source(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> of = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** Puts the consumer back at the batch's first records, so nothing of an uncommitted batch is skipped. */
    private static void rewind(KafkaConsumer<byte[], byte[]> kafkaConsumer, ConsumerRecords<byte[], byte[]> records) {
        Set<TopicPartition> assigned = kafkaConsumer.assignment();
        for (TopicPartition tp : records.partitions()) {
            if (assigned.contains(tp)) {
                kafkaConsumer.seek(tp, records.records(tp).get(0).offset());
            }
        }
    }

    private static void abort(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot roll back a labeling transaction: " + e.getMessage(), e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaConsumer<byte[], byte[]> kafkaConsumer,
            List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            kafkaConsumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions.isEmpty() ? Map.of() : kafkaConsumer.endOffsets(partitions, Duration.ofSeconds(30));
    }

    private Properties consumerProperties() {
        LabelerConfig config = parts.config();
        Properties props = new Properties();
        props.putAll(parts.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.getGroupId());
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, parts.instanceId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                config.getStartFrom().name().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.getBatchSize());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) config.getMaxBatchTime().toMillis());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sift-labeler-" + parts.instanceId());
        return props;
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.putAll(parts.kafka());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, parts.config().getGroupId() + "-" + parts.instanceId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "sift-labeler-" + parts.instanceId());
        // A dead letter carries the whole request plus its reason: room for the largest request the topics accept.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topic.LARGE_RECORD_BYTES + 1024 * 1024);
        return props;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "sift-labeler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A record of the batch being labeled. */
    private record Pending(Future<Outcome> future) {

        Outcome await() throws LabelingException, InterruptedException {
            try {
                return future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof LabelingException labeling) {
                    throw labeling;
                }
                if (e.getCause() instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                throw new IllegalStateException("labeling failed unexpectedly", e.getCause());
            }
        }
    }

    /**
     * What one request became.
     *
     * @param record the feedback record or dead letter to write
     * @param failure why it was dead-lettered, or null when labeled
     * @param unknownIntents intents of the answer outside the catalogue
     * @param source where the request was read, for logs
     */
    private record Outcome(ProducerRecord<byte[], byte[]> record, LabelingException failure,
            List<String> unknownIntents, String source) {
    }
}
