package dev.sift.modelops.learning;

import static dev.sift.modelops.learning.LabelFixtures.NOW;
import static dev.sift.modelops.learning.LabelFixtures.example;
import static dev.sift.modelops.learning.LabelFixtures.label;
import static dev.sift.modelops.learning.LabelFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.DatasetReaders;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.RequestKind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data set versions: content-addressed, written once and atomically, verified, pruned. */
class DatasetStoreTest {

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheSameVersionToTheSameContent() {
        // Given the same examples in another order, built at another time
        List<LabeledExample> examples = examples(10);
        List<LabeledExample> shuffled = new ArrayList<>(examples);
        Collections.reverse(shuffled);

        DatasetVersion a = DatasetVersion.build(inputs(examples, Optional.empty()), NOW);
        DatasetVersion b = DatasetVersion.build(inputs(shuffled, Optional.empty()), NOW.plusSeconds(3600));

        // Then their versions and files are the same
        assertThat(a.version()).isEqualTo(b.version()).hasSize(16);
        assertThat(a.content()).isEqualTo(b.content());
    }

    @Test
    void shouldGiveANewVersionWhenALabelChanges() {
        List<LabeledExample> examples = examples(10);
        List<LabeledExample> relabeled = new ArrayList<>(examples);
        relabeled.set(3, new LabeledExample(examples.get(3).request(), label("s3", LabelOrigin.HUMAN, 3, "praise")));

        assertThat(DatasetVersion.build(inputs(relabeled, Optional.empty()), NOW).version())
                .isNotEqualTo(DatasetVersion.build(inputs(examples, Optional.empty()), NOW).version());
    }

    @Test
    void shouldCountExamplesPerIntentOriginAndPart() {
        List<LabeledExample> examples = new ArrayList<>(examples(8));
        examples.add(new LabeledExample(request("h", "human text"), label("h", LabelOrigin.HUMAN, 20,
                "data_export_request")));
        examples.add(new LabeledExample(request("r", "rule text"), label("r", LabelOrigin.RULE, 21)));

        DatasetManifest manifest = DatasetVersion.build(inputs(examples, Optional.empty()), NOW).manifest();

        assertThat(manifest.examples()).isEqualTo(10);
        assertThat(manifest.heldOut()).isEqualTo(2);
        assertThat(manifest.intents()).containsEntry("complaint", new DatasetManifest.Split(4, 0))
                .containsEntry("data_export_request", new DatasetManifest.Split(0, 1));
        assertThat(manifest.irrelevant()).isEqualTo(new DatasetManifest.Split(4, 1));
        assertThat(manifest.origins()).containsEntry("LLM", 8).containsEntry("HUMAN", 1).containsEntry("RULE", 1);
        assertThat(manifest.labeledFrom()).isEqualTo(java.time.Instant.ofEpochMilli(LabelFixtures.time(0))
                .toString());
        assertThat(manifest.offsets()).containsEntry("sift.feedback", Map.of(0, 42L));
    }

    @Test
    void shouldWriteAVersionOnceAndLeaveNoPartialFiles() throws Exception {
        // Given a version written to the store
        DatasetStore store = new DatasetStore(dir.resolve("datasets"));
        DatasetVersion version = DatasetVersion.build(inputs(examples(10), Optional.empty()), NOW);
        Path written = store.write(version);
        long modified = Files.getLastModifiedTime(written.resolve(DatasetStore.EXAMPLES)).toMillis();

        // When the same content is written again, later
        Path again = store.write(DatasetVersion.build(inputs(examples(10), Optional.empty()), NOW.plusSeconds(60)));

        // Then the first stands untouched, and only the version's folder exists
        assertThat(again).isEqualTo(written);
        assertThat(Files.getLastModifiedTime(written.resolve(DatasetStore.EXAMPLES)).toMillis()).isEqualTo(modified);
        assertThat(store.read(version.version())).hasValueSatisfying(v -> {
            assertThat(v.entries()).isEqualTo(version.entries());
            assertThat(v.manifest().createdAt()).isEqualTo(NOW.toString());
        });
        try (Stream<Path> files = Files.list(store.root())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(version.version());
        }
    }

    @Test
    void shouldRefuseAVersionWhoseExamplesWereAltered() throws Exception {
        DatasetStore store = new DatasetStore(dir.resolve("datasets"));
        DatasetVersion version = DatasetVersion.build(inputs(examples(10), Optional.empty()), NOW);
        Path written = store.write(version);
        Files.writeString(written.resolve(DatasetStore.EXAMPLES), version.content().replace("complaint", "praise"));

        assertThatThrownBy(() -> store.read(version.version())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is corrupt");
        assertThat(store.read("../../etc")).isEmpty();
    }

    @Test
    void shouldPruneOldVersionsButNeverTheCurrentOne() {
        // Given four versions written an hour apart
        DatasetStore store = new DatasetStore(dir.resolve("datasets"));
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DatasetVersion v = DatasetVersion.build(inputs(examples(5 + i), Optional.empty()),
                    NOW.plusSeconds(3600L * i));
            store.write(v);
            versions.add(v.version());
        }

        // When two are kept and the oldest is the current one
        List<String> deleted = store.prune(2, versions.get(0));

        // Then the second is gone; the newest two and the current stay
        assertThat(deleted).containsExactly(versions.get(1));
        assertThat(store.manifests()).extracting(DatasetManifest::version)
                .containsExactly(versions.get(3), versions.get(2), versions.get(0));
    }

    @Test
    void shouldBeReadByModelOpsTrainAndEvaluateAsTrainAndTestSplits() throws Exception {
        DatasetStore store = new DatasetStore(dir.resolve("datasets"));
        DatasetVersion version = DatasetVersion.build(inputs(examples(10), Optional.empty()), NOW);
        Path written = store.write(version);

        Dataset dataset;
        try (InputStream in = Files.newInputStream(written.resolve(DatasetStore.EXAMPLES))) {
            dataset = DatasetReaders.jsonl("feedback", in);
        }

        assertThat(dataset.train()).hasSize(8);
        assertThat(dataset.test()).hasSize(2).allSatisfy(s -> assertThat(s.text()).startsWith("text of s"));
        assertThat(dataset.intents()).containsExactly("complaint");
    }

    @Test
    void shouldKeepTheContextAnExampleWasJudgedWithForTheTrainersAndTheNextVersion() throws Exception {
        // Given a short reply labeled with the two earlier turns of its thread
        List<SpokenTurn> context = List.of(new SpokenTurn(TurnRole.CUSTOMER, "my plan renews tomorrow"),
                new SpokenTurn(TurnRole.SERVICE, "Shall I cancel your subscription?"));
        RequestText reply = new RequestText("s-9", "yes, do it", RequestKind.AUDIT, List.of(), "ctx-v1", "acme", 0.1,
                context);
        LabeledExample example = new LabeledExample(reply, label("s-9", LabelOrigin.LLM, 1, "cancel_subscription"));
        DatasetStore store = new DatasetStore(dir.resolve("datasets"));

        // When it is written in a data set version
        Path written = store.write(DatasetVersion.build(inputs(List.of(example), Optional.empty()), NOW));

        // Then model-ops train reads it with its context, and the collector reads the line back whole
        Dataset dataset;
        try (InputStream in = Files.newInputStream(written.resolve(DatasetStore.EXAMPLES))) {
            dataset = DatasetReaders.jsonl("feedback", in);
        }
        assertThat(Stream.concat(dataset.train().stream(), dataset.test().stream()))
                .singleElement().satisfies(s -> assertThat(s.context()).isEqualTo(context));
        String line = Files.readAllLines(written.resolve(DatasetStore.EXAMPLES)).get(0);
        assertThat(ExampleLines.parse(line).example()).isEqualTo(example);
    }

    @Test
    void shouldKeepTheLabelersConfidencesForFineTuningAndTheNextVersion() throws Exception {
        // Given an LLM's label with confidences, and a reviewer's label without
        SnippetLabel llm = new SnippetLabel("s-1", List.of("complaint"), null, null, LabelOrigin.LLM, "gpt-test",
                LabelFixtures.time(1), Map.of("complaint", 0.8f, "refund_request", 0.3f));
        LabeledExample soft = new LabeledExample(request("s-1", "I was charged twice"), llm);
        LabeledExample hard = example("s-2", 2, "complaint");
        DatasetStore store = new DatasetStore(dir.resolve("datasets"));

        // When both are written in a data set version
        Path written = store.write(DatasetVersion.build(inputs(List.of(soft, hard), Optional.empty()), NOW));

        // Then fine-tuning reads the confidences of the one, none for the other
        Dataset dataset;
        try (InputStream in = Files.newInputStream(written.resolve(DatasetStore.EXAMPLES))) {
            dataset = DatasetReaders.jsonl("feedback", in);
        }
        assertThat(Stream.concat(dataset.train().stream(), dataset.test().stream()).toList())
                .extracting(s -> s.confidences())
                .containsExactlyInAnyOrder(Map.of("complaint", 0.8f, "refund_request", 0.3f), Map.of());
        // And the collector reads each line back whole; a line without confidences has no such field, so data sets
        // of labels without confidences keep the bytes, and the versions, they had
        List<String> lines = Files.readAllLines(written.resolve(DatasetStore.EXAMPLES));
        assertThat(lines).extracting(l -> ExampleLines.parse(l).example()).containsExactlyInAnyOrder(soft, hard);
        assertThat(lines).filteredOn(l -> l.contains("\"s-2\"")).singleElement()
                .satisfies(l -> assertThat(l).doesNotContain("confidences"));
    }

    @Test
    void shouldKeepTheCollectorsStateAcrossRestarts() {
        DatasetStore store = new DatasetStore(dir.resolve("datasets"));
        CollectorState state = new CollectorState(CollectorState.FORMAT, "0123456789abcdef",
                Map.of("sift.feedback", Map.of(0, 5L, 3, 7L)),
                List.of(new LabelJoin.Pending<>(request("p", "waiting text", "complaint"), 11L)),
                List.of(new LabelJoin.Pending<>(label("q", LabelOrigin.HUMAN, 3, "praise"), 12L),
                        new LabelJoin.Pending<>(new SnippetLabel("r", List.of("praise"), null, null, LabelOrigin.LLM,
                                "gpt-test", 4L, Map.of("praise", 0.7f)), 13L)),
                List.of(ExampleLines.line(example("x", 1, "complaint"), false)), Map.of("INVALID_INTENT", 2L),
                new SinceLastRun(5, 4, 1), new CollectorState.Retrained("k", "run1", "PUBLISHED", "published"));

        store.writeState(state);

        assertThat(store.readState()).contains(state);
        assertThat(dir.resolve("datasets/state.json.partial")).doesNotExist();
    }

    private static List<LabeledExample> examples(int count) {
        return IntStream.range(0, count).mapToObj(i -> example("s" + i, i, i % 2 == 0 ? new String[] {"complaint"}
                : new String[0])).toList();
    }

    private static DatasetVersion.Inputs inputs(List<LabeledExample> examples, Optional<DatasetVersion> previous) {
        return new DatasetVersion.Inputs(examples, previous, 0.2, Map.of("sift.feedback", Map.of(0, 42L)), Map.of(),
                0);
    }
}
