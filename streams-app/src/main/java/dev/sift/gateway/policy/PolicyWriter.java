package dev.sift.gateway.policy;

import dev.sift.gateway.config.KafkaClientSettings;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.PolicyChange;
import dev.sift.schema.acl.SiftAcls;
import dev.sift.schema.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores policy changes: the new policy on the compacted policies topic and its audit record (who, when, old, new) on
 * the audit topic, in one Kafka transaction, so neither exists without the other.
 *
 * <p>It writes as the ops principal ({@link KafkaClientSettings#forPolicyWriter()}): where Kafka authorizes clients,
 * the gateway's own principal may not write policies. Its transactional producer is opened at the first change, not
 * at start, so a gateway whose ops credentials are missing or refused still serves every read and decides every
 * snippet; a change then fails with {@link PolicyStoreException} naming the cause, and the next change tries again.
 */
@Singleton
public class PolicyWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyWriter.class);

    private final Topics topics;
    private final PolicyDirectory directory;
    private final Map<String, Object> producerSettings;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

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
        Map<String, Object> props = kafka.forPolicyWriter();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, SiftAcls.POLICY_WRITER_TRANSACTIONAL_ID_PREFIX + gateway
                + "-" + UUID.randomUUID());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        this.producerSettings = Map.copyOf(props);
    }

    /**
     * Stores a policy (a new revision of its id).
     *
     * @param document the validated policy
     * @param by who changes it
     * @return the stored policy
     * @throws PolicyStoreException when Kafka refused or could not take the change (nothing was stored)
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
     * @throws PolicyStoreException when Kafka refused or could not take the change (nothing was removed)
     */
    public synchronized Optional<FilterPolicy> delete(String id, String by) {
        Optional<FilterPolicy> previous = directory.get(id);
        previous.ifPresent(p -> write(id, null, p, by, "deleted"));
        return previous;
    }

    private void write(String id, FilterPolicy current, FilterPolicy previous, String by, String comment) {
        PolicyChange change = PolicyChange.newBuilder().setPolicyId(id).setChangedBy(by).setChangedAt(Instant.now())
                .setPrevious(previous).setCurrent(current).setComment(comment == null ? "" : comment).build();
        byte[] key = topics.policies().keySerde().serializer().serialize(topics.policies().name(), id);
        KafkaProducer<byte[], byte[]> out = producer();
        try {
            out.beginTransaction();
            out.send(new ProducerRecord<>(topics.policies().name(), key,
                    current == null ? null : topics.policies().valueSerde().serializer().serialize(
                            topics.policies().name(), current)));
            out.send(new ProducerRecord<>(topics.policyAudit().name(), key,
                    topics.policyAudit().valueSerde().serializer().serialize(topics.policyAudit().name(), change)));
            out.commitTransaction();
        } catch (KafkaException e) {
            // Whatever failed (refused, fenced, timed out), the transaction is not committed; a fresh producer takes
            // the next change rather than reasoning about which errors leave this one usable.
            discardProducer();
            throw new PolicyStoreException("could not store policy " + id + ": " + e.getMessage(), e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (closed) {
            throw new PolicyStoreException("the gateway is shutting down", null);
        }
        if (producer == null) {
            KafkaProducer<byte[], byte[]> opened = null;
            try {
                opened = new KafkaProducer<>(new HashMap<>(producerSettings), new ByteArraySerializer(),
                        new ByteArraySerializer());
                opened.initTransactions();
            } catch (KafkaException e) {
                if (opened != null) {
                    opened.close(Duration.ZERO);
                }
                LOG.warn("cannot write policies: {} (the ops principal is set with sift.ops.kafka.*)",
                        e.getMessage());
                throw new PolicyStoreException("the policy store refused this gateway's ops writer: "
                        + e.getMessage() + " (configure its Kafka principal with sift.ops.kafka.*)", e);
            }
            producer = opened;
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Closes the producer, if one was opened. */
    @PreDestroy
    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
