package dev.sift.modelops.publish;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.BundleVersion;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.KafkaClients;
import dev.sift.schema.release.ReleaseSignedForm;
import dev.sift.schema.topic.Topic;
import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a bundle: stores its archive, writes a {@link ModelRelease} whose sequence is above every release
 * model-ops signed before, signs its signed form (every field, the archive's SHA-256 included) with Ed25519, and sends
 * it to the compacted releases topic, keyed by version, for every gateway to take live.
 */
public final class ReleasePublisher {

    private final ModelStore store;
    private final PrivateKey signingKey;
    private final String keyId;
    private final URI baseUri;
    private final Map<String, Object> kafka;
    private final Topic<String, ModelRelease> releases;
    private final ReleaseLog log;

    /**
     * @param store where archives go
     * @param signingKey the private key
     * @param publicKey its public half (for the key id gateways look up)
     * @param baseUri where gateways fetch archives: the store's {@code file:} URI or model-ops' {@code /bundles/} URL
     * @param kafka Kafka client settings
     * @param releases the releases topic
     */
    public ReleasePublisher(ModelStore store, PrivateKey signingKey, PublicKey publicKey, URI baseUri,
            Map<String, Object> kafka, Topic<String, ModelRelease> releases) {
        this.store = store;
        this.signingKey = signingKey;
        this.keyId = BundleSignatures.keyId(publicKey);
        this.baseUri = baseUri;
        this.kafka = Map.copyOf(kafka);
        this.releases = releases;
        this.log = new ReleaseLog(kafka, List.of(publicKey));
    }

    /**
     * Publishes a bundle.
     *
     * @param bundle a verified bundle
     * @param metrics gate figures to record (accuracy, latency, size)
     * @param notes why it is published
     * @return the release written
     * @throws IllegalArgumentException when the bundle's version is not a valid release version
     */
    public ModelRelease publish(ModelBundle bundle, Map<String, Double> metrics, String notes) {
        BundleVersion.requireValid(bundle.version());
        ModelStore.Stored stored = store.put(bundle);
        BundleManifest m = bundle.manifest();
        ModelRelease release = ModelRelease.newBuilder()
                .setVersion(bundle.version())
                .setSequence(log.nextSequence(releases, System.currentTimeMillis()))
                .setBundleUri(baseUri.resolve(stored.fileName()).toString())
                .setSha256(stored.sha256())
                .setSignature(null)
                .setSignatureScheme(ReleaseSignedForm.SCHEME)
                .setSigningKeyId(keyId)
                .setSizeBytes(stored.sizeBytes())
                .setBaseModel(m.baseModel() == null ? "unknown" : m.baseModel().name())
                .setIntents(m.intents().map(BundleManifest.Head::labels).orElse(List.of()))
                .setReputationClasses(m.reputation().map(BundleManifest.Head::labels).orElse(List.of()))
                .setMetrics(Map.copyOf(metrics))
                .setCreatedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
                .setNotes(notes)
                .build();
        release.setSignature(SigningKeys.sign(ReleaseSignedForm.of(release), signingKey));
        try (KafkaProducer<String, ModelRelease> producer = KafkaClients.reliableProducer(kafka,
                releases.keySerde().serializer(), releases.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(releases.name(), release.getVersion(), release)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish release " + release.getVersion() + " to "
                    + releases.name() + ": " + e.getMessage(), e);
        }
        return release;
    }
}
