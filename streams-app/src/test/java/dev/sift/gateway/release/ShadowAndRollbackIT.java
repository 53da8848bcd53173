package dev.sift.gateway.release;

import static dev.sift.gateway.support.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.policy.PolicyDirectory;
import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.gateway.support.Releases;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.gateway.support.TestBundles;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.ModelRelease;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shadow run and the rollback alone, with the real installer and the default bundle published as a signed
 * release: a trial's verdict promotes or refuses the candidate; a rollback goes back to a remembered release, and
 * refuses to serve a model it cannot find again. The archive is packed once for the class.
 */
class ShadowAndRollbackIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FilterPolicy POLICY = FilterPolicy.newBuilder().setTenant("*").setDefaultThreshold(0.5f)
            .setUpdatedAt(Instant.EPOCH).build();
    private static final int SAMPLES = 10;

    @TempDir
    static Path shared;
    private static ModelBundle bundle;
    private static KeyPair keys;
    private static Path packed;

    @TempDir
    Path dir;

    private ModelHistory history;
    private LiveModel live;
    private SequenceFloor floor;
    private ReleaseRefusals refusals;
    private LiveSwap swap;

    @BeforeAll
    static void publishTheDefaultBundle() throws IOException {
        bundle = TestBundles.defaultBundle();
        keys = SigningKeys.generate();
        SigningKeys.write(keys, shared.resolve("keys"), "trusted");
        packed = Releases.archive(bundle, shared.resolve("store"));
    }

    @BeforeEach
    void serveAScriptedModel() {
        history = new ModelHistory(new SimpleMeterRegistry());
        live = new LiveModel(new ScriptedClassifier("live"));
        history.live("live", -1, 1, EventKind.LIVE, "configured bundle");
        floor = new SequenceFloor(dir.resolve("cache"));
        refusals = new ReleaseRefusals(history, live);
        swap = new LiveSwap(live, floor, history);
    }

    @AfterEach
    void closeTheLiveModel() {
        live.close();
    }

    private ReleaseConfig config(double minAgreement) {
        ReleaseConfig config = new ReleaseConfig();
        config.setTrustedKeys(List.of(shared.resolve("keys/trusted.pub").toString()));
        config.setCacheDir(dir.resolve("cache").toString());
        config.setStores(List.of(shared.resolve("store").toUri().toString()));
        config.setShadow(true);
        config.setShadowSampleRate(1.0);
        config.setShadowMinSamples(SAMPLES);
        config.setShadowMinAgreement(minAgreement);
        return config;
    }

    private static ReleaseInstaller installer(ReleaseConfig config, ModelLoader loader) {
        return new ReleaseInstaller(config, loader, PolicyDirectory.withoutStreams(new PolicyBook(POLICY)));
    }

    private static ModelRelease release(long sequence) {
        return Releases.signed(bundle.version(), sequence, packed, keys, bundle);
    }

    /**
     * A release put on trial: what the trial scores with does not matter here (a scripted model stands in for it), only
     * what its verdict leads to.
     */
    private static ReleaseInstaller.Ready onTrial(ModelRelease release) {
        return new ReleaseInstaller.Ready(release, bundle, new ScriptedClassifier(release.getVersion()), 1);
    }

    /** Runs a trial to its verdict: the shadow scores as many snippets as it needs beside the live model. */
    private void judge(ShadowModel shadow) {
        for (int i = 0; i < SAMPLES; i++) {
            ConversationSnippet s = snippet("s-" + i, "c", "complaint=0.9 I want a refund for my order");
            try (LiveModel.Lease lease = live.acquire()) {
                shadow.observe(s, List.of(), POLICY, "*", PolicyEvaluator.evaluate(POLICY, "*", s,
                        lease.classifier().classify(s.getText())));
            }
        }
    }

    @Test
    void shouldPromoteACandidateWhoseTrialAgreedAndRaiseTheFloor() {
        // Given a signed release on trial, and a trial any agreement passes
        ReleaseConfig config = config(0.0);
        ReleaseInstaller installer = installer(config, new ModelLoader(new ModelConfig()));
        ShadowModel shadow = new ShadowModel(config);
        try (ShadowRun run = new ShadowRun(config, new ShadowRun.With(shadow, installer, swap, refusals, history))) {
            run.start(onTrial(release(7)));
            assertThat(history.events()).last().extracting(ModelHistory.Event::kind).isEqualTo(EventKind.SHADOW);

            // When the trial ends
            judge(shadow);

            // Then the release, prepared afresh, serves, and the floor is at its sequence
            await().atMost(WAIT).until(swap::serving, bundle.version()::equals);
            assertThat(live.info().baseModel()).isEqualTo(bundle.manifest().baseModel().name());
            assertThat(floor.sequence()).isEqualTo(7);
            assertThat(history.live()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(EventKind.SWAP));
            assertThat(shadow.version()).isNull();
            assertThat(refusals.recent()).isEmpty();
        }
    }

    @Test
    void shouldRefuseACandidateWhoseTrialDisagreedAndKeepServing() {
        // Given a signed release on trial, and a trial no agreement passes
        ReleaseConfig config = config(1.01);
        ReleaseInstaller installer = installer(config, new ModelLoader(new ModelConfig()));
        ShadowModel shadow = new ShadowModel(config);
        try (ShadowRun run = new ShadowRun(config, new ShadowRun.With(shadow, installer, swap, refusals, history))) {
            run.start(onTrial(release(7)));

            // When the trial ends
            judge(shadow);

            // Then the release is refused as disagreeing, the live model still serves, the floor did not move
            await().atMost(WAIT).until(refusals::recent, r -> !r.isEmpty());
            assertThat(refusals.recent()).isEqualTo(Map.of(bundle.version(), RejectionReason.SHADOW_DISAGREEMENT));
            assertThat(swap.serving()).isEqualTo("live");
            assertThat(floor.sequence()).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void shouldRollBackToARememberedReleaseAndNotTakeTheNewerOneAgain() {
        // Given a remembered release 7 that served before the configured bundle took over again
        ReleaseConfig config = config(0.0);
        ReleaseInstaller installer = installer(config, new ModelLoader(new ModelConfig()));
        KnownReleases known = new KnownReleases();
        ModelRelease seven = release(7);
        known.remember(seven);
        swap.swap(new ScriptedClassifier(seven.getVersion()), seven, 1, EventKind.SWAP);
        ModelRelease eight = Releases.resigned(ModelRelease.newBuilder(seven).setVersion("newer").setSequence(8)
                .build(), keys);
        swap.swap(new ScriptedClassifier("newer"), eight, 1, EventKind.SWAP);
        ReleaseRollback rollback = new ReleaseRollback(new ReleaseRollback.With(history, known, installer,
                new ModelLoader(new ModelConfig()), swap));

        // When an operator rolls back
        String serving = rollback.run();

        // Then release 7, prepared again from its store and verified, serves again; release 8 is not admitted again
        assertThat(serving).isEqualTo(bundle.version());
        assertThat(live.info().baseModel()).isEqualTo(bundle.manifest().baseModel().name());
        assertThat(history.live()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(EventKind.ROLLBACK));
        assertThat(floor.admits(eight)).isFalse();
    }

    @Test
    void shouldRefuseToRollBackToAModelItCannotFindAgain() {
        // Given a previous model that is neither a remembered release nor the configured bundle
        ModelConfig configured = new ModelConfig();
        configured.setBundle(bundle.directory().toString());
        ReleaseConfig config = config(0.0);
        swap.swap(new ScriptedClassifier("current"), null, 1, EventKind.SWAP);
        ReleaseRollback rollback = new ReleaseRollback(new ReleaseRollback.With(history, new KnownReleases(),
                installer(config, new ModelLoader(configured)), new ModelLoader(configured), swap));

        // When an operator rolls back, Then it is refused and the current model keeps serving
        assertThatThrownBy(rollback::run).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("previous model live is neither a known release nor the configured bundle");
        assertThat(swap.serving()).isEqualTo("current");
    }

    @Test
    void shouldRefuseToRollBackWhenNothingServedBefore() {
        // Given only the first model ever served
        ReleaseConfig config = config(0.0);
        ReleaseRollback rollback = new ReleaseRollback(new ReleaseRollback.With(history, new KnownReleases(),
                installer(config, new ModelLoader(new ModelConfig())), new ModelLoader(new ModelConfig()), swap));

        // When an operator rolls back, Then there is nothing to roll back to
        assertThatThrownBy(rollback::run).isInstanceOf(IllegalStateException.class)
                .hasMessage("no previous model to roll back to");
        assertThat(swap.serving()).isEqualTo("live");
    }
}
