package dev.sift.modelops.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sift.classifier.Classification;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.GoldenSet;
import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.context.ContextSlot;
import dev.sift.classifier.context.ContextualText;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.ThreadMemory;
import dev.sift.classifier.context.TurnRole;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.context.ContextTraining;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.evaluate.ContextUse;
import dev.sift.modelops.evaluate.LabeledScoring;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.train.ContextScales;
import dev.sift.modelops.train.LinearHead;
import dev.sift.modelops.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A context-aware bundle built by the project's own training on a tiny data set, read by the runtime as a gateway
 * reads it: its graph computes what the Java head computes on {@code ThreadMemory} features.
 */
class ContextBundleTest {

    private static final String CANCEL = "cancellation_risk";
    private static final String BOOK = "booking_request";
    private static final List<ContextSlot> SLOTS = List.of(ContextSlot.values());
    private static final List<String> CANCEL_QUESTIONS = List.of("shall I cancel your subscription?",
            "do you want me to close your account?", "should I terminate your contract now?",
            "would you like me to end your membership?");
    private static final List<String> BOOK_QUESTIONS = List.of("shall I book the table for tonight?",
            "do you want me to reserve the room?", "should I book the flight for friday?",
            "would you like me to make the reservation?");
    private static final List<String> AFFIRMATIONS = List.of("yes, please", "yes do it", "sure, go ahead",
            "ok please do", "yes that's right", "absolutely, thanks");
    private static final List<SpokenTurn> CANCEL_THREAD = List.of(
            new SpokenTurn(TurnRole.CUSTOMER, "my plan is too expensive"),
            new SpokenTurn(TurnRole.SERVICE, "shall I cancel your subscription?"));

    @TempDir
    static Path dir;

    private static BundleTraining.Result trained;
    private static OnnxClassifier classifier;

    @BeforeAll
    static void build() {
        BundleTraining training = new BundleTraining(MiniLmFixture.encoder(), SiftHome.work(), 64,
                TrainingOptions.defaults().withThreads(1), Progress.NONE).withContext(SLOTS);
        trained = training.train(tinyData(), "ctx-test", "ctx-test-1", Map.of(), dir.resolve("bundle"));
        classifier = OnnxClassifier.open(trained.bundle(), InferenceSettings.defaults());
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    /**
     * Affirmations whose intent only the service's question tells, direct requests, and affirmations said alone
     * (no intent).
     */
    private static Dataset tinyData() {
        List<LabeledSnippet> train = new ArrayList<>();
        List<LabeledSnippet> validation = new ArrayList<>();
        for (int q = 0; q < CANCEL_QUESTIONS.size(); q++) {
            for (int a = 0; a < AFFIRMATIONS.size(); a++) {
                List<LabeledSnippet> split = (q + a) % 5 == 0 ? validation : train;
                split.add(affirmation(AFFIRMATIONS.get(a), CANCEL_QUESTIONS.get(q), CANCEL));
                split.add(affirmation(AFFIRMATIONS.get(a), BOOK_QUESTIONS.get(q), BOOK));
            }
        }
        for (String alone : AFFIRMATIONS) {
            train.add(new LabeledSnippet(alone, Set.of(), null, null));
        }
        train.add(new LabeledSnippet("I want to cancel my subscription", Set.of(CANCEL), "negative", null));
        train.add(new LabeledSnippet("please close my account today", Set.of(CANCEL), "negative", null));
        train.add(new LabeledSnippet("book a table for two please", Set.of(BOOK), "neutral", null));
        train.add(new LabeledSnippet("I'd like to reserve a room for friday", Set.of(BOOK), "positive", null));
        train.add(new LabeledSnippet("thanks, you were great", Set.of(), "positive", null));
        train.add(new LabeledSnippet("this is the worst service", Set.of(), "negative", null));
        return Dataset.of("tiny-context", train, validation, List.of());
    }

    private static LabeledSnippet affirmation(String text, String question, String intent) {
        return new LabeledSnippet(text, Set.of(intent), null, null, List.of(
                new SpokenTurn(TurnRole.CUSTOMER, "hello"), new SpokenTurn(TurnRole.SERVICE, question)));
    }

    @Test
    void shouldDeclareItsContextAndKeepTheTurnsEmbeddingAsAnOutput() {
        BundleManifest.Context context = trained.bundle().manifest().context();

        assertThat(context.slots()).containsExactly("PREVIOUS_SERVICE_TURN", "PREVIOUS_CUSTOMER_TURN",
                "EARLIER_CUSTOMER_MEAN", "EARLIER_SERVICE_MEAN");
        assertThat(context.width()).isEqualTo(384);
        assertThat(context.embeddingOutput()).isEqualTo("sentence_embedding");
        assertThat(classifier.info().context()).isPresent();
        assertThat(trained.intents().head().inputSize()).isEqualTo(5 * 384);
        assertThat(trained.reputation().head().inputSize()).isEqualTo(384);
    }

    @Test
    void shouldScoreInTheGraphWhatTheJavaHeadScoresOnThreadMemoryFeatures() {
        // Given threads folded turn by turn with the embeddings the bundle itself returns
        List<List<SpokenTurn>> threads = List.of(List.of(), CANCEL_THREAD, List.of(
                new SpokenTurn(TurnRole.SERVICE, "welcome!"), new SpokenTurn(TurnRole.CUSTOMER, "hi"),
                new SpokenTurn(TurnRole.SERVICE, "how can I help?"), new SpokenTurn(TurnRole.CUSTOMER, "my bill"),
                new SpokenTurn(TurnRole.SERVICE, "shall I book the table for tonight?")));
        List<ContextualText> turns = new ArrayList<>();
        for (List<SpokenTurn> thread : threads) {
            ThreadMemory memory = ThreadMemory.empty(384);
            for (SpokenTurn earlier : thread) {
                memory = memory.after(earlier.role(), classifier.classify(earlier.text()).embedding());
            }
            turns.add(new ContextualText("yes, please do it", memory));
        }

        // When the graph scores the turn in each thread
        List<Classification> scored = classifier.classifyInContext(turns);

        // Then each score is the Java head's on [the turn's embedding; ThreadMemory.features(slots)]
        LinearHead head = trained.intents().head();
        float[] alone = classifier.classify("yes, please do it").embedding();
        for (int i = 0; i < turns.size(); i++) {
            Classification c = scored.get(i);
            assertThat(c.embedding()).hasSize(384);
            for (int d = 0; d < 384; d++) {
                assertThat(c.embedding()[d]).isCloseTo(alone[d], offset(1e-5f));
            }
            float[] features = concat(c.embedding(), turns.get(i).memory().features(SLOTS));
            float[] expected = head.apply(features);
            for (int k = 0; k < expected.length; k++) {
                assertThat(c.intentScores()[k]).as("thread %d intent %s", i, c.intents().get(k))
                        .isCloseTo(expected[k], offset(1e-4f));
            }
        }
    }

    @Test
    void shouldTellAnAffirmationsIntentFromTheQuestionBeforeIt() {
        // Given "yes, please do it" after the agent asked whether to cancel the subscription
        List<LabeledSnippet> example = List.of(new LabeledSnippet("yes, please do it", Set.of(CANCEL), null, null,
                CANCEL_THREAD));

        // When the bundle scores it with its thread and alone
        Classification withContext = LabeledScoring.classify(classifier, example, ContextUse.WITH_CONTEXT,
                Progress.NONE, "example").get(0);
        Classification alone = LabeledScoring.classify(classifier, example, ContextUse.WITHOUT_CONTEXT,
                Progress.NONE, "example").get(0);

        // Then with context it is a cancellation, and alone it is nothing the filter would forward
        assertThat(withContext.topIntent()).isEqualTo(CANCEL);
        assertThat(withContext.intent(CANCEL)).isGreaterThan(0.5f);
        assertThat(alone.intent(CANCEL)).isLessThan(0.5f);
        assertThat(alone.intent(CANCEL)).isLessThan(withContext.intent(CANCEL));
    }

    @Test
    void shouldVersionAContextFreeTrainingAsBeforeWhateverContextTheDataCarries() {
        // Given the same examples with and without their threads' earlier turns
        BundleTraining plain = new BundleTraining(MiniLmFixture.encoder(), SiftHome.work(), 64,
                TrainingOptions.defaults(), Progress.NONE);
        Dataset withContext = tinyData();
        Dataset withoutContext = Dataset.of(withContext.name(), withoutContext(withContext.train()),
                withoutContext(withContext.validation()), List.of());

        // Then a context-free training gives them one version, and a context-aware training another
        assertThat(plain.versionFor("x", withContext)).isEqualTo(plain.versionFor("x", withoutContext))
                .isEqualTo(plain.withContext(List.of()).versionFor("x", withContext));
        assertThat(plain.withContext(SLOTS).versionFor("x", withContext))
                .isNotEqualTo(plain.versionFor("x", withContext))
                .isNotEqualTo(plain.withContext(SLOTS).versionFor("x", withoutContext))
                .isNotEqualTo(plain.withContext(ContextTraining.of(SLOTS).withScales(ContextScales.fixed(1)))
                        .versionFor("x", withContext));
    }

    @Test
    void shouldLeanOnTheContextWhereValidationShowsItHelpsAndRecordHowFar() {
        // Given the bundle trained on affirmations whose intent only the question before them tells

        // Then it chose a context scale above 0 on its validation split, and its provenance says so
        Map<String, String> provenance = trained.bundle().manifest().provenance();
        assertThat(trained.intents().head().inputSize()).isEqualTo(5 * 384);
        assertThat(Double.parseDouble(provenance.get(BundleTraining.Heads.CONTEXT_SCALE))).isPositive();
        assertThat(provenance.get("contextScaleSelection")).startsWith("accuracy by scale {0.0=")
                .endsWith("on validation split");
    }

    @Test
    void shouldCarryCanaryTurnsInTheirThreadsInTheGoldenSetItChecksItselfWith() {
        // Given the golden set model-ops recorded when it built the context-aware bundle
        GoldenSet golden = GoldenSet.of(trained.bundle()).orElseThrow();

        // Then it holds the canary turns with the turns said before them, and the bundle passes its own check
        assertThat(golden.cases()).filteredOn(c -> !c.context().isEmpty())
                .hasSize(GoldenSetRecorder.CANARY_TURNS_IN_THREADS.size());
        golden.verify(classifier, trained.bundle().version());
    }

    @Test
    void shouldFailTheCanaryCheckWhenTheContextPathComputesSomethingElse() {
        // Given a golden set whose in-thread cases expect what the bundle outputs on those turns judged alone, as a
        // bundle whose context inputs were ignored (a wrong graph, a broken context head) would output
        GoldenSet golden = GoldenSet.of(trained.bundle()).orElseThrow();
        List<GoldenSet.Case> blind = golden.cases().stream().map(c -> {
            Classification alone = classifier.classify(c.text());
            return new GoldenSet.Case(c.text(), c.context(), alone.intentScores(), alone.reputationScores());
        }).toList();

        // When the gateway checks the bundle against it, then the check names an in-thread case
        assertThatThrownBy(() -> new GoldenSet(golden.tolerance(), blind).verify(classifier, "ctx-test-1"))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("earlier turns");
    }

    @Test
    void shouldReadAGoldenSetWrittenBeforeCasesCarriedContext() throws IOException {
        // Given a golden.json in the format of bundles built before cases had earlier turns
        Path copy = Files.createDirectories(dir.resolve("old-golden"));
        Files.writeString(copy.resolve("golden.json"), """
                {"tolerance": 0.001, "cases": [{"text": "hi there", "intents": [0.5], "reputation": []}]}
                """);

        // When it is read, then its case is judged alone
        GoldenSet golden = new ObjectMapper().readValue(copy.resolve("golden.json").toFile(), GoldenSet.class);
        assertThat(golden.cases()).singleElement().satisfies(c -> assertThat(c.context()).isEmpty());
    }

    private static List<LabeledSnippet> withoutContext(List<LabeledSnippet> snippets) {
        return snippets.stream().map(s -> new LabeledSnippet(s.text(), s.intents(), s.polarity(), s.brand()))
                .toList();
    }

    @Test
    void shouldRefuseAManifestThatHidesTheGraphsContextInputs() throws IOException {
        // Given the bundle's graph with a manifest that declares no context
        ModelBundle hidden = copyWithContext(null, "hidden");

        // Then the runtime refuses it
        assertThatThrownBy(() -> OnnxClassifier.open(hidden, InferenceSettings.defaults()))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("reads context inputs")
                .hasMessageContaining("manifest declares no context");
    }

    @Test
    void shouldRefuseAManifestWhoseSlotsAreNotTheGraphs() throws IOException {
        // Given the bundle's graph with a manifest that declares two slots of its three
        ModelBundle partial = copyWithContext(new BundleManifest.Context(List.of("PREVIOUS_SERVICE_TURN",
                "PREVIOUS_CUSTOMER_TURN"), 384, "sentence_embedding"), "partial");

        // Then the runtime refuses it
        assertThatThrownBy(() -> OnnxClassifier.open(partial, InferenceSettings.defaults()))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("the manifest declares context inputs");
    }

    private static ModelBundle copyWithContext(BundleManifest.Context context, String name) throws IOException {
        Path source = trained.bundle().directory();
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(source)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return BundleWriter.seal(copy, trained.bundle().manifest().withContext(context));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
