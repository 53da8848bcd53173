package dev.sift.modelops.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.RequestKind;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.Speaker;
import dev.sift.schema.topic.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector on a real broker: it reads incrementally from where it stopped, joins whichever half comes first,
 * and keeps what it joined when the requests expire from their topics and model-ops restarts.
 */
class LabelCollectorIT {

    private static final Instant T0 = Instant.now().minus(Duration.ofHours(2));

    @TempDir
    Path dir;

    @Test
    void shouldKeepWhatItJoinedWhenRequestsExpireAndItRestarts() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(List.of(topics.llmRequests(), topics.auditRequests(),
                    topics.feedback()), 2, (short) 1);
            LabelCollector.Versioning versioning = new LabelCollector.Versioning(0.2, 1000, 5);

            // Given a forwarded and an audited request, and a label whose request has not come yet
            send(broker, topics.llmRequests().name(), "s1", request("s1", "my parcel is late again",
                    RequestKind.FORWARD));
            send(broker, topics.auditRequests().name(), "s2", request("s2", "thanks all", RequestKind.AUDIT));
            send(broker, topics.feedback().name(), "s3", feedback("s3", LabelOrigin.LLM, 3, "complaint"));
            LabelCollector first = collector(broker, topics);
            first.collect();
            assertThat(first.snapshot(versioning)).isEmpty();

            // When the missing halves arrive and the collector reads again
            send(broker, topics.feedback().name(), "s1", feedback("s1", LabelOrigin.LLM, 1, "complaint"));
            send(broker, topics.feedback().name(), "s2", feedback("s2", LabelOrigin.LLM, 2));
            send(broker, topics.llmRequests().name(), "s3", request("s3", "nobody answers my emails",
                    RequestKind.FORWARD));
            first.collect();
            DatasetVersion v1 = first.snapshot(versioning).orElseThrow();

            // Then each snippet is one example
            assertThat(v1.examples()).extracting(LabeledExample::snippetId).containsExactly("s1", "s2", "s3");
            assertThat(v1.examples().get(1).request().kind()).isEqualTo(RequestKind.AUDIT);

            // When the requests expire from their topics, a reviewer relabels s1, and model-ops restarts
            expireEverything(broker, List.of(topics.llmRequests().name(), topics.auditRequests().name()));
            send(broker, topics.feedback().name(), "s1", feedback("s1", LabelOrigin.HUMAN, 10, "complaint",
                    "refund_request"));
            LabelCollector restarted = collector(broker, topics);
            LabelCollector.Collected read = restarted.collect();
            DatasetVersion v2 = restarted.snapshot(versioning).orElseThrow();

            // Then it read only the new label, joined it with the kept text, and made a new version
            assertThat(read.records()).isEqualTo(1);
            assertThat(v2.version()).isNotEqualTo(v1.version());
            assertThat(v2.manifest().previous()).isEqualTo(v1.version());
            LabeledExample s1 = v2.examples().stream().filter(e -> e.snippetId().equals("s1")).findFirst()
                    .orElseThrow();
            assertThat(s1.request().text()).isEqualTo("my parcel is late again");
            assertThat(s1.label().origin()).isEqualTo(LabelOrigin.HUMAN);
            assertThat(s1.label().intents()).containsExactly("complaint", "refund_request");

            // And reading again with nothing new gives the same version
            assertThat(restarted.collect().records()).isZero();
            assertThat(restarted.snapshot(versioning).orElseThrow().version()).isEqualTo(v2.version());
        }
    }

    private LabelCollector collector(LocalKafkaBroker broker, Topics topics) {
        return new LabelCollector(new LabelCollector.Parts(broker.clientConfig(), topics,
                new DatasetStore(dir.resolve("datasets")), new RecordLimits(16, 200, 4000, Duration.ofMinutes(5)),
                new LabelJoin.Limits(100, Duration.ofDays(1)), Duration.ofMinutes(1),
                new LearningMetrics(new SimpleMeterRegistry()), Clock.systemUTC()));
    }

    private static void expireEverything(LocalKafkaBroker broker, List<String> topicNames) throws Exception {
        Properties props = new Properties();
        props.putAll(broker.clientConfig());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topicNames) {
                for (int p = 0; p < 2; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) ->
                    delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static <V> void send(LocalKafkaBroker broker, String topic, String key, V value) throws Exception {
        Topics topics = Topics.withDefaultNames();
        Properties props = new Properties();
        props.putAll(broker.clientConfig());
        @SuppressWarnings("unchecked")
        org.apache.kafka.common.serialization.Serializer<V> serializer = (org.apache.kafka.common.serialization
                .Serializer<V>) (value instanceof LlmRequest ? topics.llmRequests().valueSerde().serializer()
                        : topics.feedback().valueSerde().serializer());
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props,
                topics.feedback().keySerde().serializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static LlmRequest request(String snippetId, String text, RequestKind kind) {
        ConversationSnippet snippet = ConversationSnippet.newBuilder().setSnippetId(snippetId)
                .setConversationId("conv-" + snippetId).setTenant("acme").setChannel("chat")
                .setSpeaker(Speaker.newBuilder().setId("u1").build()).setText(text).setEventTime(T0).build();
        return LlmRequest.newBuilder().setSnippet(snippet).setMatchedIntents(List.of()).setReasons(List.of())
                .setPolicy(AppliedPolicy.newBuilder().setPolicyId("acme").setRevision(1).build())
                .setModelVersion("sift-default").setDecidedAt(T0).setKind(kind).build();
    }

    private static SnippetFeedback feedback(String snippetId, LabelOrigin origin, int minute, String... intents) {
        return SnippetFeedback.newBuilder().setSnippetId(snippetId).setIntents(new ArrayList<>(List.of(intents)))
                .setPolarity(null).setSource(origin.name().toLowerCase()).setOrigin(origin).setLabeler("t")
                .setLabeledAt(T0.plus(Duration.ofMinutes(minute))).build();
    }
}
