package dev.sift.demo;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.kafka.CommandConfigOption;
import dev.sift.schema.kafka.KafkaClientConfig;
import dev.sift.schema.kafka.KafkaClients;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.TopicRole;
import dev.sift.schema.topic.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sift-demo load}: a load generator for an existing cluster. Produces generated multi-party conversation
 * snippets at a steady rate to the snippets topic, keyed by conversation id, until stopped or a count is reached.
 * It acts as a platform: on a secured cluster, give it a platform's credentials in a client properties file
 * ({@code --command-config}) or as {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM} and
 * {@code KAFKA_SASL_JAAS_CONFIG}.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Produce generated conversation snippets at a steady rate to an existing cluster's snippets topic.")
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Mixin
    CommandConfigOption kafkaFile;

    @Option(names = "--topic", defaultValue = "sift.snippets", description = "Snippets topic (default sift.snippets).")
    String topic;

    @Option(names = "--rate", defaultValue = "20", description = "Snippets per second (default 20).")
    double rate;

    @Option(names = "--snippets", defaultValue = "0", description = "Stop after this many; 0 runs until stopped.")
    long count;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default 42).")
    long seed;

    @Override
    public Integer call() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS) is required");
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        Topic<String, ConversationSnippet> snippets = new Topics(TopicNames.defaults().with(TopicRole.SNIPPETS, topic))
                .snippets();
        // Security settings (a platform's credentials) come from the file or KAFKA_* variables.
        Map<String, Object> props = new HashMap<>(KafkaClientConfig.of(kafkaFile.settings(),
                bootstrapServers));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        ConversationGenerator generator = new ConversationGenerator(PhraseBank.load(), seed, Instant.now());
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        try (KafkaProducer<String, ConversationSnippet> producer = KafkaClients.reliableProducer(props,
                snippets.keySerde().serializer(), snippets.valueSerde().serializer())) {
            System.out.printf("producing %s snippets at %.1f/s to %s on %s%n", count == 0 ? "endless" : count, rate,
                    topic, bootstrapServers);
            for (long sent = 0; count == 0 || sent < count; sent++) {
                LockSupport.parkNanos(start + sent * intervalNanos - System.nanoTime());
                ConversationSnippet snippet = ConversationSnippet.newBuilder(generator.next(1).get(0).snippet())
                        .setEventTime(Instant.now()).build();
                producer.send(new ProducerRecord<>(topic, snippet.getConversationId(), snippet));
                if (sent > 0 && sent % 1_000 == 0) {
                    System.out.printf("%,d snippets sent%n", sent);
                }
            }
        }
        return 0;
    }
}
