package dev.sift.modelops.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.publish.ReleaseLog;
import dev.sift.modelops.publish.ReleasePublisherIT;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.Speaker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.release.ReleaseSignedForm;
import dev.sift.schema.topic.Topics;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model-ops service against a real broker: a scheduled run publishes a signed release. */
class ModelOpsServiceIT {

    @TempDir
    Path dir;

    @Test
    void shouldPublishASignedReleaseOnScheduleAndRefuseWhatDoesNotBeatIt() throws Exception {
        DefaultBundle.ensure(dev.sift.modelops.console.Progress.NONE);
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            // Given live traffic on the snippets topic and a signing key
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(List.of(topics.snippets(), topics.releases()), 2,
                    (short) 1);
            produceTraffic(broker, topics, 80);
            KeyPair keys = SigningKeys.generate();
            SigningKeys.write(keys, dir.resolve("keys"), "release");
            // And a forged release on the topic claiming metrics no candidate can beat, and the last sequence
            ModelRelease forged = ReleasePublisherIT.forged("forged-best", Long.MAX_VALUE,
                    Map.of("metric", 1.0, "speedup", 1000.0));
            ReleasePublisherIT.send(broker.clientConfig(), topics.releases(), forged);

            // When the service runs on a short schedule
            Map<String, Object> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
            config.put("micronaut.server.port", -1);
            config.put("sift.model-ops.store", dir.resolve("store").toString());
            config.put("sift.model-ops.signing-key", dir.resolve("keys/release.key").toString());
            config.put("sift.model-ops.public-key", dir.resolve("keys/release.pub").toString());
            config.put("sift.model-ops.prune-ratios", List.of(0.0));
            config.put("sift.model-ops.keep-fp32", List.of(0));
            config.put("sift.model-ops.max-drop-points", 5.0);
            config.put("sift.model-ops.calibration-sample", 64);
            config.put("sift.model-ops.initial-delay", "1s");
            config.put("sift.model-ops.interval", "1h");
            try (ApplicationContext service = ModelOpsService.start(config)) {
                ReoptimizationJob job = service.getBean(ReoptimizationJob.class);
                RunStatus scheduled = awaitFinished(job, Duration.ofMinutes(5));

                // Then a signed release of the INT8 candidate is on the releases topic
                assertThat(scheduled.state()).as(scheduled.detail()).isEqualTo(RunStatus.PUBLISHED);
                assertThat(scheduled.trigger()).isEqualTo("schedule");
                ReleaseLog log = new ReleaseLog(broker.clientConfig(), List.of(keys.getPublic()));
                ModelRelease release = log.latest(topics.releases()).orElseThrow();
                Path archive = Path.of(URI.create(release.getBundleUri()));
                assertThat(release.getSha256()).isEqualTo(Sha256.ofFile(archive));
                assertThat(BundleSignatures.verify(ReleaseSignedForm.of(release), release.getSignature(),
                        keys.getPublic())).isTrue();
                assertThat(release.getSequence()).isLessThan(Long.MAX_VALUE);
                assertThat(release.getSigningKeyId()).isEqualTo(BundleSignatures.keyId(keys.getPublic()));
                assertThat(release.getMetrics()).containsKeys("metric", "speedup", "sizeShare");
                ModelBundle published = BundleArchive.unpack(archive, dir.resolve("unpacked"));
                assertThat(published.manifest().precision()).isEqualTo("int8");
                assertThat(release.getNotes()).contains("calibrated on 64 recent snippets");

                // And the same result again is not published twice
                RunStatus again = job.runOnce("test");
                assertThat(again.state()).isEqualTo(RunStatus.NOT_PUBLISHED);
                assertThat(again.detail()).contains("already live");

                // And a gate nothing can pass publishes nothing, and says why
                service.getBean(ServiceConfig.class).setMaxDropPoints(-50);
                RunStatus strict = job.runOnce("test");
                assertThat(strict.state()).isEqualTo(RunStatus.NOT_PUBLISHED);
                assertThat(strict.detail()).contains("no candidate is within -50.00 points of FP32");
                assertThat(log.trusted(topics.releases())).hasSize(1);
                assertThat(Files.exists(dir.resolve("store/runs").resolve(strict.id()).resolve("search.json"))).isTrue();
            }
        }
    }

    private static RunStatus awaitFinished(ReoptimizationJob job, Duration timeout) {
        return await("a finished scheduled run").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(job::last, last -> last.isPresent() && last.get().finished() != null).orElseThrow();
    }

    private static void produceTraffic(LocalKafkaBroker broker, Topics topics, int count) throws Exception {
        Properties props = new Properties();
        props.putAll(broker.clientConfig());
        List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).toList();
        try (var producer = new KafkaProducer<>(props, topics.snippets().keySerde().serializer(),
                topics.snippets().valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                ConversationSnippet s = ConversationSnippet.newBuilder().setSnippetId("t-" + i)
                        .setConversationId("c-" + i % 7).setTenant("acme").setChannel("chat")
                        .setSpeaker(Speaker.newBuilder().setId("u").build()).setText(texts.get(i))
                        .setEventTime(Instant.now()).build();
                producer.send(new ProducerRecord<>(topics.snippets().name(), s.getConversationId(), s)).get();
            }
        }
    }
}
