package dev.sift.gateway.release;

import static dev.sift.gateway.support.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.gateway.policy.Verdict;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.ModelRelease;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ShadowModelTest {

    private static final FilterPolicy POLICY = FilterPolicy.newBuilder().setTenant("*").setDefaultThreshold(0.5f)
            .setUpdatedAt(Instant.EPOCH).build();

    private static ShadowModel shadow(double minAgreement) {
        ReleaseConfig config = new ReleaseConfig();
        config.setShadowSampleRate(1.0);
        config.setShadowMinSamples(10);
        config.setShadowMinAgreement(minAgreement);
        return new ShadowModel(config);
    }

    private static ReleaseInstaller.Ready ready(SnippetClassifier candidate) {
        ModelRelease release = ModelRelease.newBuilder().setVersion("candidate").setSequence(2).setBundleUri("file:/x")
                .setSha256("0").setSizeBytes(1).setBaseModel("m").setIntents(List.of()).setMetrics(Map.of())
                .setCreatedAt(Instant.EPOCH).build();
        return new ReleaseInstaller.Ready(release, null, candidate, 5);
    }

    private static void observeTen(ShadowModel shadow, String text, SnippetClassifier live) {
        for (int i = 0; i < 10; i++) {
            ConversationSnippet s = snippet("s-" + i, "c", text);
            Verdict verdict = PolicyEvaluator.evaluate(POLICY, "*", s, live.classify(text));
            shadow.observe(s, POLICY, "*", verdict);
        }
    }

    @Test
    void shouldPromoteACandidateThatAgreesWithTheLiveModel() {
        ShadowModel shadow = shadow(0.9);
        AtomicReference<Boolean> verdict = new AtomicReference<>();
        ScriptedClassifier candidate = new ScriptedClassifier("candidate");
        shadow.start(ready(candidate), verdict::set);

        observeTen(shadow, "complaint=0.9 about the delay", new ScriptedClassifier("live"));

        assertThat(verdict.get()).isTrue();
        assertThat(shadow.version()).isNull();
        assertThat(candidate.isClosed()).isTrue();
    }

    @Test
    void shouldRejectACandidateThatDisagrees() {
        ShadowModel shadow = shadow(0.9);
        AtomicReference<Boolean> verdict = new AtomicReference<>();
        // The candidate sees no complaint where the live model sees one.
        ScriptedClassifier inner = new ScriptedClassifier("candidate");
        SnippetClassifier disagreeing = new SnippetClassifier() {
            @Override
            public dev.sift.classifier.ModelInfo info() {
                return inner.info();
            }

            @Override
            public List<dev.sift.classifier.Classification> classify(List<String> texts) {
                return inner.classify(texts.stream().map(t -> t.replace("complaint=0.9", "")).toList());
            }

            @Override
            public dev.sift.classifier.ClassifierStats stats() {
                return inner.stats();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        shadow.start(ready(disagreeing), verdict::set);

        observeTen(shadow, "complaint=0.9 about the delay", new ScriptedClassifier("live"));

        assertThat(verdict.get()).isFalse();
    }

    @Test
    void shouldReportAgreementWhileOnTrial() {
        ShadowModel shadow = shadow(0.9);
        shadow.start(ready(new ScriptedClassifier("candidate")), v -> { });
        ConversationSnippet s = snippet("s", "c", "hello");
        shadow.observe(s, POLICY, "*", PolicyEvaluator.evaluate(POLICY, "*", s,
                new ScriptedClassifier("live").classify("hello")));

        assertThat(shadow.version()).isEqualTo("candidate");
        assertThat(shadow.agreement()).isEqualTo(1.0);
        shadow.stop();
    }
}
