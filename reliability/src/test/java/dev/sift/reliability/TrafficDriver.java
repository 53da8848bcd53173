package dev.sift.reliability;

import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.Snippets;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces good snippets across many conversations, odd-but-valid ones among them, and bad records of
 * {@link BadInput} kinds in between, at a steady rate, on its own thread. Every record carries its id in the
 * {@value #ID_HEADER} header; a good snippet's id is {@code <conversation>/<sequence in its conversation>}, so the
 * verifier can check order.
 */
final class TrafficDriver {

    /** Header carrying each record's id. */
    static final String ID_HEADER = "sift-test-id";

    /** How often a driver held back by the backlog looks again. */
    private static final long BACKLOG_CHECK_NANOS = 20_000_000;

    /** Odd texts a platform may legitimately send; the last one is longer than the model reads. */
    static final List<String> ODD_TEXTS = List.of(
            "refund\u200B\u200D please\u0007 now\u0000",
            "😡😡 ужасный service, 服务很差 🙄 لا أعمل",
            "cancel " + "x".repeat(3_000) + " subscription",
            "\uFEFF\u202Eyrruh esaelp\u202C I was charged twice 👩‍👩‍👧",
            "my card was declined again and again. ".repeat(1_000));

    private final Topic<String, ConversationSnippet> snippets;
    private final KafkaTestClient kafka;
    private final List<String> texts;
    private final int good;
    private final int conversations;
    private final int perSecond;
    private final int badEvery;
    private final IntFunction<BadInput> badMix;
    private final Random random = new Random(7);
    private final List<String> goodIds = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> truncatedIds = ConcurrentHashMap.newKeySet();
    private final Map<String, BadInput> badIds = new ConcurrentHashMap<>();
    private final List<Exception> sendErrors = Collections.synchronizedList(new ArrayList<>());
    private CountDownLatch release = new CountDownLatch(0);
    private int tail;
    private IntSupplier outcomes;
    private int maxBacklog = Integer.MAX_VALUE;
    private long stalledNanos;
    private Thread thread;

    /**
     * @param snippets the snippets topic
     * @param kafka the test client
     * @param texts ordinary snippet texts
     * @param good how many good snippets to send (at least, with {@link #goOnUntil})
     * @param conversations over how many conversations
     * @param perSecond records per second
     * @param badEvery a bad record follows every {@code badEvery}-th good one
     * @param badMix the kind of each bad record, by its number
     */
    TrafficDriver(Topic<String, ConversationSnippet> snippets, KafkaTestClient kafka, List<String> texts,
            int good, int conversations, int perSecond, int badEvery, IntFunction<BadInput> badMix) {
        this.snippets = snippets;
        this.kafka = kafka;
        this.texts = texts;
        this.good = good;
        this.conversations = conversations;
        this.perSecond = perSecond;
        this.badEvery = badEvery;
        this.badMix = badMix;
    }

    /**
     * Goes on sending past the good snippets given, at the same rate, until {@code release} opens, and then sends
     * {@code tail} more: faults injected before it opens all meet traffic being sent, however long they take, and the
     * volume follows the faults instead of a guess of their duration.
     *
     * @param release opened when the traffic may end
     * @param tail how many good snippets follow once it is open
     * @return this
     */
    TrafficDriver goOnUntil(CountDownLatch release, int tail) {
        this.release = release;
        this.tail = tail;
        return this;
    }

    /**
     * Sends nothing more while more than {@code records} of what it sent have no outcome yet: on a machine slower than
     * the rate, the traffic slows down with the gateways instead of piling up ahead of them (and the longer the faults
     * take, the more), so that what is left to decide when the traffic ends stays small. The rate resumes from there.
     *
     * @param records records sent and not yet decided or dead-lettered, at most
     * @param outcomes how many decisions and dead letters there are so far
     * @return this
     */
    TrafficDriver backlogAtMost(int records, IntSupplier outcomes) {
        this.maxBacklog = records;
        this.outcomes = outcomes;
        return this;
    }

    TrafficDriver start() {
        thread = new Thread(this::run, "traffic-driver");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** @return whether records are still being sent */
    boolean sending() {
        return thread.isAlive();
    }

    void await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the driver did not finish within " + timeout);
        }
    }

    int sent() {
        return goodIds.size() + badIds.size();
    }

    List<String> goodIds() {
        return goodIds;
    }

    Set<String> truncatedIds() {
        return truncatedIds;
    }

    Map<String, BadInput> badIds() {
        return badIds;
    }

    List<Exception> sendErrors() {
        return sendErrors;
    }

    private void run() {
        int[] sequence = new int[conversations];
        int bad = 0;
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer(new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // How many good snippets the run sends: known once the release is open
            int end = -1;
            for (int i = 0; end < 0 || i < end; i++) {
                if (end < 0 && release.getCount() == 0) {
                    end = Math.max(good, i + tail);
                    if (i == end) {
                        break;
                    }
                }
                int conversation = i % conversations;
                String conversationId = "conv-" + conversation;
                String id = conversationId + "/" + sequence[conversation]++;
                String text = texts.get(i % texts.size());
                if (i % 20 == 11) {
                    text = ODD_TEXTS.get((i / 20) % ODD_TEXTS.size());
                    if (text.equals(ODD_TEXTS.get(ODD_TEXTS.size() - 1))) {
                        truncatedIds.add(id);
                    }
                }
                ConversationSnippet snippet = Snippets.snippet(id, conversationId, text);
                send(producer, null, new BadInput.Record(conversationId.getBytes(StandardCharsets.UTF_8),
                        snippets.valueSerde().serializer().serialize(snippets.name(), snippet)), id);
                goodIds.add(id);
                if (i % badEvery == badEvery - 1) {
                    BadInput kind = badMix.apply(bad);
                    String badId = "bad-" + bad++;
                    BadInput.Record record = kind.make(badId, random);
                    badIds.put(badId, kind);
                    send(producer, null, record, badId);
                }
                pace(start, sent());
            }
            producer.flush();
        }
    }

    /**
     * Sends bad records of one kind to every partition at once, besides the driver's own traffic: the largest
     * records on every partition are what the gateway's memory must hold.
     *
     * @param kind the kind
     * @param partitions the snippets topic's partitions
     * @param perPartition records per partition
     */
    void burst(BadInput kind, int partitions, int perPartition) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer(new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < perPartition; i++) {
                for (int partition = 0; partition < partitions; partition++) {
                    String badId = "burst-" + kind + "-" + partition + "-" + i;
                    BadInput.Record record = kind.make(badId, random);
                    badIds.put(badId, kind);
                    send(producer, partition, record, badId);
                }
            }
            producer.flush();
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, Integer partition, BadInput.Record made, String id) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(snippets.name(), partition, made.key(),
                made.value());
        record.headers().add(ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
        made.headers().forEach(record.headers()::add);
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                sendErrors.add(error);
            }
        });
    }

    private void pace(long start, int sent) {
        long due = start + stalledNanos + (long) (sent * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            sleepNanos(wait);
        }
        if (outcomes != null && sent - outcomes.getAsInt() > maxBacklog) {
            long stalled = System.nanoTime();
            while (sent - outcomes.getAsInt() > maxBacklog && !Thread.currentThread().isInterrupted()) {
                sleepNanos(BACKLOG_CHECK_NANOS);
            }
            stalledNanos += System.nanoTime() - stalled;
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
