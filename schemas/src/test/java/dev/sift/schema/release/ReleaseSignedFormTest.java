package dev.sift.schema.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.ModelRelease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The signed form of a release: every field but the signature changes it, and it reads one way only. */
class ReleaseSignedFormTest {

    /** Fields the form does not carry: the signature itself, and the scheme (the form starts with its name). */
    private static final Set<String> NOT_IN_FORM = Set.of("signature", "signatureScheme");

    static ModelRelease release() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("speedup", 2.5);
        metrics.put("metric", 0.91);
        return ModelRelease.newBuilder().setVersion("sift-default-int8-1").setSequence(1_700_000_000_000L)
                .setBundleUri("file:/var/lib/sift/store/sift-default-int8-1.sift.zip")
                .setSha256("ab".repeat(32)).setSignature("c2ln").setSigningKeyId("0123456789abcdef")
                .setSignatureScheme(ReleaseSignedForm.SCHEME).setSizeBytes(1234).setBaseModel("all-MiniLM-L6-v2")
                .setIntents(List.of("refund_request", "complaint")).setReputationClasses(List.of("neg", "pos"))
                .setMetrics(metrics).setCreatedAt(Instant.ofEpochMilli(1_700_000_000_123L)).setNotes("why").build();
    }

    @Test
    void shouldChangeWhenAnySchemaFieldButTheSignatureChanges() {
        // Given a release and its signed form
        ModelRelease release = release();
        byte[] form = ReleaseSignedForm.of(release);

        for (Schema.Field field : ModelRelease.getClassSchema().getFields()) {
            if (NOT_IN_FORM.contains(field.name())) {
                continue;
            }
            // When one field changes
            ModelRelease changed = ModelRelease.newBuilder(release).build();
            changed.put(field.pos(), mutate(field, changed.get(field.pos()), 0));

            // Then so does the form
            assertThat(ReleaseSignedForm.of(changed)).as(field.name()).isNotEqualTo(form);
        }
    }

    @Property(tries = 300)
    void shouldChangeWhenAnyFieldOfAnyReleaseChanges(@ForAll("releases") ModelRelease release,
            @ForAll("fields") Schema.Field field, @ForAll int seed) {
        ModelRelease changed = ModelRelease.newBuilder(release).build();
        changed.put(field.pos(), mutate(field, changed.get(field.pos()), seed));

        assertThat(ReleaseSignedForm.of(changed)).isNotEqualTo(ReleaseSignedForm.of(release));
    }

    @Test
    void shouldNotDependOnTheSignatureNorTheOrderOfMetrics() {
        ModelRelease release = release();
        ModelRelease other = ModelRelease.newBuilder(release).setSignature("b3RoZXI=").build();
        Map<String, Double> reversed = new LinkedHashMap<>();
        reversed.put("metric", 0.91);
        reversed.put("speedup", 2.5);
        other.setMetrics(reversed);

        assertThat(ReleaseSignedForm.of(other)).isEqualTo(ReleaseSignedForm.of(release));
    }

    @Test
    void shouldKeepFieldBoundariesApart() {
        // Given two releases whose strings only differ in where one field ends and the next begins
        ModelRelease a = ModelRelease.newBuilder(release()).setIntents(List.of("ab", "c")).build();
        ModelRelease b = ModelRelease.newBuilder(release()).setIntents(List.of("a", "bc")).build();
        ModelRelease c = ModelRelease.newBuilder(release()).setBaseModel("x").setIntents(List.of("y")).build();
        ModelRelease d = ModelRelease.newBuilder(release()).setBaseModel("").setIntents(List.of("xy")).build();

        assertThat(ReleaseSignedForm.of(a)).isNotEqualTo(ReleaseSignedForm.of(b));
        assertThat(ReleaseSignedForm.of(c)).isNotEqualTo(ReleaseSignedForm.of(d));
    }

    @Test
    void shouldStartWithTheSchemeName() {
        assertThat(new String(ReleaseSignedForm.of(release()), 4, ReleaseSignedForm.SCHEME.length(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(ReleaseSignedForm.SCHEME);
    }

    @Provide
    Arbitrary<Schema.Field> fields() {
        return Arbitraries.of(ModelRelease.getClassSchema().getFields().stream()
                .filter(f -> !NOT_IN_FORM.contains(f.name())).toList());
    }

    @Provide
    Arbitrary<ModelRelease> releases() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<List<String>> texts = text.list().ofMaxSize(4);
        Arbitrary<Map<String, Double>> metrics = Arbitraries.maps(text, Arbitraries.doubles()).ofMaxSize(4);
        return Combinators.combine(text, Arbitraries.longs(), text, texts, texts, metrics,
                Arbitraries.longs().between(0, 4_000_000_000_000L), text).as((v, seq, s, intents, classes, m, at, n) ->
                ModelRelease.newBuilder().setVersion(v).setSequence(seq).setBundleUri("file:/s/" + s).setSha256(s)
                        .setSignature(null).setSigningKeyId(s.isEmpty() ? null : s)
                        .setSignatureScheme(ReleaseSignedForm.SCHEME).setSizeBytes(seq / 3).setBaseModel(n)
                        .setIntents(intents).setReputationClasses(classes).setMetrics(new HashMap<>(m))
                        .setCreatedAt(Instant.ofEpochMilli(at)).setNotes(n + v).build());
    }

    /** A different value of the field's type. */
    @SuppressWarnings("unchecked")
    private static Object mutate(Schema.Field field, Object value, int seed) {
        Schema schema = field.schema();
        if (schema.getType() == Schema.Type.UNION) {
            if (value == null) {
                return "k" + seed;
            }
            schema = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            if (seed % 2 == 0) {
                return null;
            }
        }
        return switch (schema.getType()) {
            case STRING -> value + "x";
            case LONG -> value instanceof Instant at ? at.plusMillis(1 + Math.floorMod(seed, 1000))
                    : (Long) value + 1 + Math.floorMod(seed, 1000);
            case ARRAY -> {
                List<String> list = new ArrayList<>((List<String>) value);
                if (!list.isEmpty() && seed % 3 == 0) {
                    list.set(0, list.get(0) + "y");
                } else {
                    list.add("added");
                }
                yield list;
            }
            case MAP -> {
                Map<String, Double> map = new HashMap<>((Map<String, Double>) value);
                if (!map.isEmpty() && seed % 3 == 0) {
                    String key = map.keySet().iterator().next();
                    double old = map.get(key);
                    map.put(key, Double.isFinite(old) ? Math.nextUp(old) : 1.0);
                } else {
                    map.put("added-" + map.size(), (double) seed);
                }
                yield map;
            }
            default -> throw new AssertionError("no mutation for " + field + " of type " + schema.getType());
        };
    }
}
