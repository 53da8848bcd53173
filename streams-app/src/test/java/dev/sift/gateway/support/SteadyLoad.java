package dev.sift.gateway.support;

import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.topic.Topics;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A steady stream of real snippets (the starter set's texts, about 40 per second, 50 conversations) on its own
 * thread, for tests that change something under load.
 */
public final class SteadyLoad {

    private final KafkaTestClient kafka;
    private final Topics topics;
    private final String idPrefix;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private Thread thread;

    /**
     * @param kafka the test client
     * @param topics the topics
     * @param idPrefix prefix of the snippet ids
     */
    public SteadyLoad(KafkaTestClient kafka, Topics topics, String idPrefix) {
        this.kafka = kafka;
        this.topics = topics;
        this.idPrefix = idPrefix;
    }

    /** @return this, sending */
    public SteadyLoad start() {
        List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).toList();
        thread = new Thread(() -> {
            try (KafkaProducer<String, ConversationSnippet> producer = kafka.producer(topics.snippets())) {
                while (running.get()) {
                    int i = sent.get();
                    ConversationSnippet s = Snippets.snippet(idPrefix + i, "conv-" + (i % 50),
                            texts.get(i % texts.size()));
                    producer.send(new ProducerRecord<>(topics.snippets().name(), s.getConversationId(), s));
                    sent.incrementAndGet();
                    Thread.sleep(25);
                }
                producer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "steady-load");
        thread.start();
        return this;
    }

    /**
     * Stops sending and flushes.
     *
     * @return how many snippets were sent
     * @throws InterruptedException when interrupted while waiting
     */
    public int stop() throws InterruptedException {
        running.set(false);
        thread.join(60_000);
        return sent.get();
    }
}
