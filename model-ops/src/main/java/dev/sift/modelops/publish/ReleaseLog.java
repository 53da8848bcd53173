package dev.sift.modelops.publish;

import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.BundleVersion;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.TopicSnapshot;
import dev.sift.schema.release.ReleaseSignedForm;
import dev.sift.schema.topic.Topic;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The releases on the compacted releases topic, as model-ops reads them: only releases signed (over their signed
 * form) by one of model-ops' own keys count. Anyone able to write to the topic could otherwise stop publication with
 * forged metrics, or take every sequence number with {@code Long.MAX_VALUE}; such releases are ignored, with a warning.
 */
public final class ReleaseLog {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseLog.class);

    private final Map<String, Object> kafka;
    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();

    /**
     * @param kafka Kafka client settings
     * @param trustedKeys model-ops' own public keys: releases signed by others are ignored
     */
    public ReleaseLog(Map<String, Object> kafka, List<PublicKey> trustedKeys) {
        this.kafka = Map.copyOf(kafka);
        trustedKeys.forEach(k -> trusted.put(BundleSignatures.keyId(k), k));
    }

    /**
     * @param topic the releases topic
     * @return every release on it, signed or not, by ascending sequence
     */
    public List<ModelRelease> all(Topic<String, ModelRelease> topic) {
        return TopicSnapshot.read(topic, kafka, Duration.ofSeconds(30)).stream().map(ConsumerRecord::value)
                .filter(Objects::nonNull).sorted(Comparator.comparingLong(ModelRelease::getSequence)).toList();
    }

    /**
     * @param topic the releases topic
     * @return the releases model-ops signed, by ascending sequence
     */
    public List<ModelRelease> trusted(Topic<String, ModelRelease> topic) {
        List<ModelRelease> all = all(topic);
        List<ModelRelease> signed = all.stream().filter(this::isOurs).toList();
        if (signed.size() < all.size()) {
            LOG.warn("ignoring {} of {} releases on {} that no trusted key signed (forged, or signed the old way):"
                    + " e.g. {}", all.size() - signed.size(), all.size(), topic.name(), all.stream()
                    .filter(r -> !isOurs(r)).limit(5).map(r -> BundleVersion.printable(r.getVersion())).toList());
        }
        return signed;
    }

    /**
     * @param topic the releases topic
     * @return the newest release model-ops signed, if any
     */
    public Optional<ModelRelease> latest(Topic<String, ModelRelease> topic) {
        List<ModelRelease> signed = trusted(topic);
        return signed.isEmpty() ? Optional.empty() : Optional.of(signed.get(signed.size() - 1));
    }

    /**
     * The sequence of the next release: the wall clock in milliseconds (readable, and increasing across model-ops
     * instances), but always above the newest release model-ops signed, even when the clock went back.
     *
     * @param topic the releases topic
     * @param nowMillis the current time
     * @return a sequence strictly greater than every trusted release's
     * @throws IllegalStateException when a trusted release already has the largest possible sequence
     */
    public long nextSequence(Topic<String, ModelRelease> topic, long nowMillis) {
        long highest = latest(topic).map(ModelRelease::getSequence).orElse(Long.MIN_VALUE);
        if (highest == Long.MAX_VALUE) {
            throw new IllegalStateException("a release signed by model-ops has sequence Long.MAX_VALUE: nothing newer"
                    + " can be published on " + topic.name() + " (rotate the signing key and the releases topic)");
        }
        return Math.max(nowMillis, highest + 1);
    }

    /**
     * @param release a release
     * @return whether one of model-ops' keys signed its signed form under the current scheme
     */
    public boolean isOurs(ModelRelease release) {
        PublicKey key = release.getSigningKeyId() == null ? null : trusted.get(release.getSigningKeyId());
        return key != null && ReleaseSignedForm.isCurrentScheme(release) && BundleVersion.isValid(release.getVersion())
                && BundleSignatures.verify(ReleaseSignedForm.of(release), release.getSignature(), key);
    }
}
