package dev.sift.demo;

import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.console.Progress;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.kafka.KafkaClients;
import dev.sift.schema.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Plays one wave of generated snippets through the gateway: produces them to the snippets topic, keyed by
 * conversation, and reads every one's decision back (committed decisions only), measuring as it goes.
 */
final class WaveReplay {

    private final LocalKafkaBroker broker;
    private final Topics topics;
    private final Progress progress;
    private final Duration timeout;

    /**
     * @param broker the broker
     * @param topics the topics
     * @param progress where progress shows
     * @param timeout how long the decisions of one wave may take
     */
    WaveReplay(LocalKafkaBroker broker, Topics topics, Progress progress, Duration timeout) {
        this.broker = broker;
        this.topics = topics;
        this.progress = progress;
        this.timeout = timeout;
    }

    /**
     * @param wave the snippets
     * @return what the gateway decided about them
     */
    RunSummary replay(List<GeneratedSnippet> wave) {
        RunSummary summary = new RunSummary();
        Map<String, Long> sentAt = new HashMap<>();
        Map<String, GeneratedSnippet> truth = new HashMap<>();
        produce(wave, sentAt, truth, summary);
        consume(wave.size(), sentAt, truth, summary);
        return summary;
    }

    private void produce(List<GeneratedSnippet> wave, Map<String, Long> sentAt, Map<String, GeneratedSnippet> truth,
            RunSummary summary) {
        Map<String, Object> props = broker.clientConfig();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, ConversationSnippet> producer = KafkaClients.reliableProducer(props,
                topics.snippets().keySerde().serializer(), topics.snippets().valueSerde().serializer());
             Progress.Task task = progress.start("Producing snippets", wave.size())) {
            for (GeneratedSnippet g : wave) {
                ConversationSnippet s = g.snippet();
                long now = System.currentTimeMillis();
                sentAt.put(s.getSnippetId(), now);
                truth.put(s.getSnippetId(), g);
                summary.sent(now);
                producer.send(new ProducerRecord<>(topics.snippets().name(), s.getConversationId(), s),
                        (metadata, error) -> {
                            if (error != null) {
                                throw new IllegalStateException("could not produce a snippet", error);
                            }
                        });
                task.step();
            }
            producer.flush();
        }
    }

    /** Reads the decisions topic from its start: decisions of an earlier wave are skipped by snippet id. */
    private void consume(int expected, Map<String, Long> sentAt,
            Map<String, GeneratedSnippet> truth, RunSummary summary) {
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, FilterDecision> consumer = reader();
             Progress.Task task = progress.start("Decisions", expected)) {
            consumer.seekToBeginning(KafkaClients.assignAll(consumer, topics.decisions().name(), timeout));
            while (summary.decided() < expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("only " + summary.decided() + " of " + expected
                            + " snippets were decided within " + timeout);
                }
                for (ConsumerRecord<String, FilterDecision> record : consumer.poll(Duration.ofMillis(200))) {
                    FilterDecision d = record.value();
                    GeneratedSnippet generated = truth.get(d.getSnippetId());
                    if (generated != null) {
                        long now = System.currentTimeMillis();
                        summary.decided(d, generated, sentAt.getOrDefault(d.getSnippetId(), now), now);
                        task.step();
                    }
                }
            }
        }
    }

    private KafkaConsumer<String, FilterDecision> reader() {
        return KafkaClients.committedReader(broker.clientConfig(), topics.decisions().keySerde().deserializer(),
                topics.decisions().valueSerde().deserializer());
    }
}
