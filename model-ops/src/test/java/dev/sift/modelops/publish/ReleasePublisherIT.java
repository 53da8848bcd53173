package dev.sift.modelops.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.release.ReleaseSignedForm;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.TopicRole;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** model-ops reads the releases topic trusting only what its own key signed, and always publishes above it. */
@ExtendWith(SharedBroker.class)
public class ReleasePublisherIT {

    private static LocalKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void useBroker(LocalKafkaBroker shared) {
        broker = shared;
    }

    /**
     * @param version its version
     * @param sequence its sequence
     * @param metrics its claimed metrics
     * @return a release signed by a key nobody trusts
     */
    public static ModelRelease forged(String version, long sequence, Map<String, Double> metrics) {
        ModelRelease release = ModelRelease.newBuilder().setVersion(version).setSequence(sequence)
                .setBundleUri("file:///dev/zero").setSha256("00".repeat(32)).setSizeBytes(1).setBaseModel("forged")
                .setIntents(List.of()).setMetrics(metrics).setCreatedAt(Instant.now())
                .setSignatureScheme(ReleaseSignedForm.SCHEME).build();
        KeyPair attacker = SigningKeys.generate();
        release.setSigningKeyId(BundleSignatures.keyId(attacker.getPublic()));
        release.setSignature(SigningKeys.sign(ReleaseSignedForm.of(release), attacker.getPrivate()));
        return release;
    }

    /**
     * @param kafka client settings
     * @param topic the releases topic
     * @param release a release to write as it is
     * @throws Exception when the broker does not take it
     */
    public static void send(Map<String, Object> kafka, Topic<String, ModelRelease> topic, ModelRelease release)
            throws Exception {
        Properties props = new Properties();
        props.putAll(kafka);
        try (var producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), release.getVersion(), release)).get();
        }
    }

    private static Topics topics(String prefix) {
        TopicNames d = TopicNames.defaults();
        return new Topics(d.with(TopicRole.RELEASES, prefix + "." + d.releases()));
    }

    @Test
    void shouldIgnoreForgedReleasesAndPublishAboveTheNewestSignedOne() throws Exception {
        // Given a releases topic holding a release model-ops signed whose sequence is ahead of the clock, and a
        // forged release with the last possible sequence and perfect metrics
        Topics topics = topics("forged");
        new TopicProvisioner(broker.clientConfig()).ensure(List.of(topics.releases()), 1, (short) 1);
        KeyPair keys = SigningKeys.generate();
        ModelBundle bundle = DefaultBundle.ensure(Progress.NONE);
        ReleasePublisher publisher = new ReleasePublisher(new ModelStore(dir.resolve("store")), keys.getPrivate(),
                keys.getPublic(), dir.resolve("store").toUri(), broker.clientConfig(), topics.releases());
        ModelRelease first = publisher.publish(bundle, Map.of("metric", 0.8), "first");
        ModelRelease ahead = ModelRelease.newBuilder(first).setVersion("ahead-of-the-clock")
                .setSequence(System.currentTimeMillis() + 86_400_000L).build();
        ahead.setSignature(SigningKeys.sign(ReleaseSignedForm.of(ahead), keys.getPrivate()));
        send(broker.clientConfig(), topics.releases(), ahead);
        send(broker.clientConfig(), topics.releases(), forged("forged", Long.MAX_VALUE, Map.of("metric", 1.0)));

        // When model-ops reads the log and publishes again
        ReleaseLog log = new ReleaseLog(broker.clientConfig(), List.of(keys.getPublic()));
        ModelRelease latestBefore = log.latest(topics.releases()).orElseThrow();
        ModelRelease next = publisher.publish(bundle, Map.of("metric", 0.9), "second");

        // Then the forged release was ignored: the newest trusted one was the signed one ahead of the clock,
        // and the new release's sequence is just above it
        assertThat(latestBefore.getVersion()).isEqualTo("ahead-of-the-clock");
        assertThat(next.getSequence()).isEqualTo(ahead.getSequence() + 1);
        assertThat(log.latest(topics.releases()).orElseThrow().getNotes()).isEqualTo("second");
        assertThat(log.all(topics.releases())).extracting(ModelRelease::getVersion).contains("forged");
        assertThat(log.trusted(topics.releases())).extracting(ModelRelease::getVersion).doesNotContain("forged");

        // And the new release is signed over its whole signed form: the same release replayed higher is not ours
        assertThat(next.getSignatureScheme()).isEqualTo(ReleaseSignedForm.SCHEME);
        assertThat(BundleSignatures.verify(ReleaseSignedForm.of(next), next.getSignature(), keys.getPublic())).isTrue();
        assertThat(log.isOurs(ModelRelease.newBuilder(next).setSequence(next.getSequence() + 1).build())).isFalse();
    }

    @Test
    void shouldNotTrustAReleaseSignedOverItsArchiveHashOnly() {
        // Given a release signed the old way (over the archive's SHA-256 only) by model-ops' own key
        KeyPair keys = SigningKeys.generate();
        ModelRelease legacy = forged("legacy", 5, Map.of());
        legacy.setSignatureScheme(null);
        legacy.setSigningKeyId(BundleSignatures.keyId(keys.getPublic()));
        legacy.setSignature(SigningKeys.sign(HexFormat.of().parseHex(legacy.getSha256()), keys.getPrivate()));

        // Then model-ops does not count it: its sequence and metrics are not signed
        assertThat(new ReleaseLog(Map.of(), List.of(keys.getPublic())).isOurs(legacy)).isFalse();
    }
}
