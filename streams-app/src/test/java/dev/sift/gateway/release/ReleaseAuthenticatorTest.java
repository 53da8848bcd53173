package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.gateway.support.Releases;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.schema.ModelRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** A release is authenticated as a whole: whatever field changes after signing, the gateway refuses it. */
class ReleaseAuthenticatorTest {

    private static final KeyPair KEYS = SigningKeys.generate();
    private static final Path KEY_DIR = keyDir();
    private static final ReleaseAuthenticator AUTHENTICATOR = new ReleaseAuthenticator(
            new TrustedKeys(List.of(KEY_DIR.resolve("trusted.pub").toString())),
            new StoreLocations(List.of("file:/var/lib/sift/store/", "http://model-ops:8081/bundles/")), 1 << 20);

    private static Path keyDir() {
        try {
            Path dir = Files.createTempDirectory("sift-keys");
            SigningKeys.write(KEYS, dir, "trusted");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelRelease signed() {
        Map<String, Double> metrics = new HashMap<>(Map.of("metric", 0.9, "speedup", 2.0));
        return Releases.resigned(ModelRelease.newBuilder().setVersion("sift-default-int8-a").setSequence(42)
                .setBundleUri("http://model-ops:8081/bundles/sift-default-int8-a.sift.zip")
                .setSha256("ab".repeat(32)).setSizeBytes(1000).setBaseModel("all-MiniLM-L6-v2")
                .setIntents(List.of("refund_request", "complaint")).setReputationClasses(List.of("negative"))
                .setMetrics(metrics).setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L)).setNotes("n")
                .build(), KEYS);
    }

    @Test
    void shouldAcceptAReleaseAsModelOpsSignedIt() {
        assertThatCode(() -> AUTHENTICATOR.authenticate(signed())).doesNotThrowAnyException();
    }

    @Property(tries = 400)
    void shouldRefuseAnyChangeToAnyField(@ForAll("fields") Schema.Field field, @ForAll int seed) {
        // Given a release model-ops signed, changed in one field afterwards
        ModelRelease changed = ModelRelease.newBuilder(signed()).build();
        changed.put(field.pos(), mutate(field, changed.get(field.pos()), seed));

        // Then it is refused
        assertThatThrownBy(() -> AUTHENTICATOR.authenticate(changed)).as(field.name())
                .isInstanceOf(ReleaseRejectedException.class);
    }

    @Test
    void shouldRefuseReplayedAndForgedSequencesAsBadSignatures() {
        for (long sequence : new long[] {43, Long.MAX_VALUE, -1}) {
            ModelRelease replayed = ModelRelease.newBuilder(signed()).setSequence(sequence).build();
            assertReason(replayed, RejectionReason.BAD_SIGNATURE);
        }
    }

    @Test
    void shouldRefuseEachProblemWithItsReason() {
        assertReason(ModelRelease.newBuilder(signed()).setSignature(null).build(), RejectionReason.UNSIGNED);
        assertReason(ModelRelease.newBuilder(signed()).setSignatureScheme(null).build(),
                RejectionReason.UNSUPPORTED_SIGNATURE);
        assertReason(Releases.resigned(signed(), SigningKeys.generate()), RejectionReason.UNTRUSTED_KEY);
        assertReason(Releases.resigned(ModelRelease.newBuilder(signed()).setVersion("..").build(), KEYS),
                RejectionReason.INVALID_VERSION);
        assertReason(Releases.resigned(ModelRelease.newBuilder(signed()).setSha256("AB".repeat(32)).build(), KEYS),
                RejectionReason.MALFORMED);
        assertReason(Releases.resigned(ModelRelease.newBuilder(signed()).setSizeBytes(0).build(), KEYS),
                RejectionReason.MALFORMED);
        assertReason(Releases.resigned(ModelRelease.newBuilder(signed()).setSizeBytes((1 << 20) + 1).build(), KEYS),
                RejectionReason.TOO_LARGE);
        assertReason(Releases.resigned(ModelRelease.newBuilder(signed()).setBundleUri("file:///etc/passwd").build(),
                KEYS), RejectionReason.STORE_NOT_ALLOWED);
        assertReason(Releases.resigned(ModelRelease.newBuilder(signed())
                .setBundleUri("http://169.254.169.254/latest/meta-data/").build(), KEYS),
                RejectionReason.STORE_NOT_ALLOWED);
    }

    @Test
    void shouldShowAnAttackersLongStringsShortened() {
        ModelRelease release = ModelRelease.newBuilder(signed()).setVersion("x/".repeat(100_000)).build();

        assertThatThrownBy(() -> AUTHENTICATOR.authenticate(release))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
    }

    private static void assertReason(ModelRelease release, RejectionReason reason) {
        assertThatThrownBy(() -> AUTHENTICATOR.authenticate(release))
                .isInstanceOfSatisfying(ReleaseRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Provide
    Arbitrary<Schema.Field> fields() {
        return Arbitraries.of(ModelRelease.getClassSchema().getFields());
    }

    /** A different value of the field's type. */
    @SuppressWarnings("unchecked")
    private static Object mutate(Schema.Field field, Object value, int seed) {
        Schema schema = field.schema();
        if (schema.getType() == Schema.Type.UNION) {
            if (value == null || seed % 2 == 0) {
                return value == null ? "k" + seed : null;
            }
            schema = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
        return switch (schema.getType()) {
            case STRING -> field.name().equals("signature") ? flipOneBit((String) value, seed) : value + "x";
            case LONG -> value instanceof Instant at ? at.plusMillis(1 + Math.floorMod(seed, 1000))
                    : (Long) value + 1 + Math.floorMod(seed, 1000);
            case ARRAY -> {
                List<String> list = new ArrayList<>((List<String>) value);
                list.add("added");
                yield list;
            }
            case MAP -> {
                Map<String, Double> map = new HashMap<>((Map<String, Double>) value);
                if (seed % 2 == 0) {
                    map.put("metric", 1.0);
                } else {
                    map.put("added", (double) seed);
                }
                yield map;
            }
            default -> throw new AssertionError("no mutation for " + field);
        };
    }

    private static String flipOneBit(String base64, int seed) {
        byte[] bytes = java.util.Base64.getDecoder().decode(base64);
        int bit = Math.floorMod(seed, bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
