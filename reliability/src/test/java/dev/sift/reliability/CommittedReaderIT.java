package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.localkafka.LocalKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The fault runs' reader on a real broker: it reads only what transactions committed, and tells a partition held back
 * by an open transaction from one it has read to the end, which is what the fault runs' check that every transaction
 * ended relies on.
 */
class CommittedReaderIT {

    private static final String TOPIC = "reader-outputs";

    @Test
    void shouldSeeATransactionOpenUntilItIsCommittedAndReadItsRecordsOnlyThen() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            try (Admin admin = Admin.create(broker.clientConfig())) {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()))).all().get();
            }
            try (CommittedReader reader = CommittedReader.start(broker.clientConfig(), List.of(TOPIC));
                    KafkaProducer<String, String> producer = transactional(broker)) {
                // Given a transaction that wrote a record and is still open
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "c-1", "decision")).get();

                // Then the partition stands held back, and nothing of it is read
                await("the open transaction seen").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(reader.standing(TOPIC).get(0).transactionOpen()).isTrue());
                assertThat(reader.count(TOPIC)).isZero();

                // When it commits
                producer.commitTransaction();

                // Then the partition is read to its end, the record with it
                await("the committed transaction read").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    CommittedReader.Standing standing = reader.standing(TOPIC).get(0);
                    assertThat(standing.transactionOpen()).as("%s", standing).isFalse();
                    assertThat(standing.position()).as("%s", standing).isEqualTo(standing.logEnd());
                    assertThat(reader.count(TOPIC)).isEqualTo(1);
                });
            }
        }
    }

    private static KafkaProducer<String, String> transactional(LocalKafkaBroker broker) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reader-test");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
