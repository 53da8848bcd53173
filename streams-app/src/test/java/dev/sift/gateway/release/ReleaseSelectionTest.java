package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.support.Releases;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.schema.ModelRelease;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which releases read from the topic are worth preparing, and which are refused with what reason. */
class ReleaseSelectionTest {

    private static final KeyPair KEYS = SigningKeys.generate();
    private static final String STORE = "file:/var/lib/sift/store/";

    @TempDir
    Path dir;

    private SequenceFloor floor;
    private ModelHistory history;
    private LiveModel live;
    private ShadowModel shadow;
    private KnownReleases known;
    private ReleaseRefusals refusals;
    private ReleaseAuthenticator authenticator;

    @BeforeEach
    void serveALiveModel() throws IOException {
        SigningKeys.write(KEYS, dir.resolve("keys"), "trusted");
        authenticator = new ReleaseAuthenticator(new TrustedKeys(List.of(dir.resolve("keys/trusted.pub")
                .toString())), new StoreLocations(List.of(STORE)), 1 << 20);
        floor = new SequenceFloor(dir.resolve("cache"));
        history = new ModelHistory(new SimpleMeterRegistry());
        live = new LiveModel(new ScriptedClassifier("live"));
        shadow = new ShadowModel(new ReleaseConfig());
        known = new KnownReleases();
        refusals = new ReleaseRefusals(history, live);
    }

    @AfterEach
    void closeTheLiveModel() {
        live.close();
    }

    private ReleaseSelection selection(String pinned) {
        return new ReleaseSelection(pinned, new ReleaseSelection.Checks(authenticator, floor, live, shadow), known,
                refusals);
    }

    private static ModelRelease signed(String version, long sequence) {
        return Releases.resigned(ModelRelease.newBuilder().setVersion(version).setSequence(sequence)
                .setBundleUri(STORE + version + ".sift.zip").setSha256("ab".repeat(32)).setSizeBytes(1000)
                .setBaseModel("m").setIntents(List.of()).setMetrics(Map.of()).setCreatedAt(Instant.EPOCH).build(),
                KEYS);
    }

    private static ReleaseTopicReader.Read published(ModelRelease release) {
        return new ReleaseTopicReader.Read(release, false);
    }

    private static ReleaseTopicReader.Read fromBeforeTheStart(ModelRelease release) {
        return new ReleaseTopicReader.Read(release, true);
    }

    @Test
    void shouldOfferSignedNewerReleasesNewestFirst() {
        // Given a gateway that accepted sequence 10
        floor.accepted(signed("a", 10));

        // When newer and older releases are published
        List<ModelRelease> candidates = selection("").candidates(List.of(published(signed("b", 20)),
                published(signed("c", 30)), published(signed("d", 5))));

        // Then the newer ones are offered, newest first, and the older one is refused as not newer
        assertThat(candidates).extracting(ModelRelease::getVersion).containsExactly("c", "b");
        assertThat(refusals.recent()).isEqualTo(Map.of("d", RejectionReason.NOT_NEWER));
    }

    @Test
    void shouldRefuseAForgedReleaseAndNotRememberIt() {
        // Given a signed release whose sequence was raised after signing
        ModelRelease forged = signed("forged", 20);
        forged.setSequence(Long.MAX_VALUE);

        // When it is read
        List<ModelRelease> candidates = selection("").candidates(List.of(published(forged)));

        // Then it is refused with its reason, recorded in the history, and cannot be rolled back to
        assertThat(candidates).isEmpty();
        assertThat(refusals.recent()).isEqualTo(Map.of("forged", RejectionReason.BAD_SIGNATURE));
        assertThat(history.events()).extracting(ModelHistory.Event::reason).containsExactly(
                RejectionReason.BAD_SIGNATURE);
        assertThat(known.find("forged")).isEmpty();
    }

    @Test
    void shouldNotRefuseAnOlderReleaseFromTheTopicsHistoryButRememberIt() {
        // Given a gateway that accepted sequence 10
        floor.accepted(signed("a", 10));

        // When an older release that was on the topic before the start is read
        List<ModelRelease> candidates = selection("").candidates(List.of(fromBeforeTheStart(signed("old", 5))));

        // Then it is not offered, not refused, and remembered for an operator's rollback
        assertThat(candidates).isEmpty();
        assertThat(refusals.recent()).isEmpty();
        assertThat(known.find("old")).isPresent();
    }

    @Test
    void shouldNotOfferTheLiveModelNorTheCandidateOnTrialAgain() {
        // Given a candidate on trial
        shadow.start(new ReleaseInstaller.Ready(signed("trial", 40), null, new ScriptedClassifier("trial"), 1),
                promote -> { });

        // When the live release and the one on trial are read again
        List<ModelRelease> candidates = selection("").candidates(List.of(published(signed("live", 50)),
                published(signed("trial", 40))));

        // Then neither is offered nor refused
        assertThat(candidates).isEmpty();
        assertThat(refusals.recent()).isEmpty();
        shadow.stop();
    }

    @Test
    void shouldOfferOnlyThePinnedVersionEvenBelowTheFloor() {
        // Given a gateway that accepted sequence 10 and an operator's pin on an older version
        floor.accepted(signed("a", 10));

        // When the pinned and a newer release are read
        List<ModelRelease> candidates = selection("pinned").candidates(List.of(published(signed("pinned", 5)),
                published(signed("newer", 20))));

        // Then only the pinned one is offered, and nothing is refused
        assertThat(candidates).extracting(ModelRelease::getVersion).containsExactly("pinned");
        assertThat(refusals.recent()).isEmpty();
    }
}
