package dev.sift.gateway.ops;

import dev.sift.gateway.config.KafkaClientSettings;
import dev.sift.gateway.policy.PolicyDirectory;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.PolicyChange;
import dev.sift.schema.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Stores policy changes: the new policy on the compacted policies topic and its audit record (who, when, old, new) on
 * the audit topic, in one Kafka transaction, so neither exists without the other.
 */
@Singleton
public class PolicyWriter {

    private final Topics topics;
    private final PolicyDirectory directory;
    private final KafkaProducer<byte[], byte[]> producer;

    /**
     * @param topics topic registry
     * @param directory the policies in force (for the previous value and revision)
     * @param kafka Kafka client settings
     * @param gateway this instance's id (part of the transactional id)
     */
    public PolicyWriter(Topics topics, PolicyDirectory directory, KafkaClientSettings kafka,
            @Named("gateway-id") String gateway) {
        this.topics = topics;
        this.directory = directory;
        Properties props = new Properties();
        props.putAll(kafka.asMap());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sift-policy-writer-" + gateway + "-" + UUID.randomUUID());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.producer.initTransactions();
    }

    /**
     * Stores a policy (a new revision of its id).
     *
     * @param document the validated policy
     * @param by who changes it
     * @return the stored policy
     */
    public synchronized FilterPolicy put(PolicyDocument document, String by) {
        String id = document.id();
        FilterPolicy previous = directory.get(id).orElse(null);
        long revision = previous == null ? 1 : previous.getRevision() + 1;
        FilterPolicy policy = document.toRecord(revision, by, Instant.now());
        write(id, policy, previous, by, document.comment());
        return policy;
    }

    /**
     * Removes a policy (a tombstone); its tenant falls back to the next policy up.
     *
     * @param id the policy id
     * @param by who removes it
     * @return the removed policy
     */
    public synchronized java.util.Optional<FilterPolicy> delete(String id, String by) {
        java.util.Optional<FilterPolicy> previous = directory.get(id);
        previous.ifPresent(p -> write(id, null, p, by, "deleted"));
        return previous;
    }

    private void write(String id, FilterPolicy current, FilterPolicy previous, String by, String comment) {
        PolicyChange change = PolicyChange.newBuilder().setPolicyId(id).setChangedBy(by).setChangedAt(Instant.now())
                .setPrevious(previous).setCurrent(current).setComment(comment == null ? "" : comment).build();
        byte[] key = topics.policies().keySerde().serializer().serialize(topics.policies().name(), id);
        producer.beginTransaction();
        try {
            producer.send(new ProducerRecord<>(topics.policies().name(), key,
                    current == null ? null : topics.policies().valueSerde().serializer().serialize(
                            topics.policies().name(), current)));
            producer.send(new ProducerRecord<>(topics.policyAudit().name(), key,
                    topics.policyAudit().valueSerde().serializer().serialize(topics.policyAudit().name(), change)));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            producer.abortTransaction();
            throw new IllegalStateException("could not store policy " + id + ": " + e.getMessage(), e);
        }
    }

    /** Closes the producer. */
    @PreDestroy
    public void close() {
        producer.close();
    }
}
