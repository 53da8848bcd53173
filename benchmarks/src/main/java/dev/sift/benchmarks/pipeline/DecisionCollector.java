package dev.sift.benchmarks.pipeline;

import dev.sift.schema.FilterDecision;
import dev.sift.schema.kafka.KafkaClients;
import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every committed decision ({@code read_committed}, as the LLM side would) on a background thread and keeps,
 * per benchmark phase, when each snippet was sent and when it was decided.
 */
final class DecisionCollector implements AutoCloseable {

    /**
     * One decision's timing.
     *
     * @param sentMillis the snippet's event time (when the driver sent it)
     * @param decidedMillis when the gateway decided it
     */
    record Timing(long sentMillis, long decidedMillis) {
        long latencyMillis() {
            return decidedMillis - sentMillis;
        }
    }

    private final Map<String, List<Timing>> byPhase = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    /**
     * @param clientConfig broker connection
     * @param decisions the decisions topic
     * @param partitions its partition count
     */
    DecisionCollector(Map<String, Object> clientConfig, Topic<String, FilterDecision> decisions, int partitions) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, FilterDecision> consumer = KafkaClients.committedReader(config,
                decisions.keySerde().deserializer(), decisions.valueSerde().deserializer());
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(decisions.name(), p));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, FilterDecision> r : consumer.poll(Duration.ofMillis(100))) {
                        FilterDecision d = r.value();
                        String id = d.getSnippetId();
                        String phase = id.substring(0, id.indexOf('-') + 1);
                        byPhase.computeIfAbsent(phase, k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(new Timing(d.getEventTime().toEpochMilli(), d.getDecidedAt().toEpochMilli()));
                    }
                }
            }
        }, "decision-collector");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits for a phase's decisions.
     *
     * @param phase snippet id prefix of the phase
     * @param count how many were sent
     * @param timeout longest wait
     * @return the timings, in arrival order
     * @throws IllegalStateException when they do not all arrive in time
     */
    List<Timing> await(String phase, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Timing> got = byPhase.getOrDefault(phase, List.of());
            if (got.size() >= count) {
                synchronized (got) {
                    return List.copyOf(got);
                }
            }
            sleep(100);
        }
        throw new IllegalStateException("phase " + phase + ": " + byPhase.getOrDefault(phase, List.of()).size()
                + " of " + count + " decisions within " + timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
