package dev.sift.classifier.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.context.ContextReplay;
import dev.sift.classifier.context.SpokenTurn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden inputs of a bundle with the outputs model-ops saw when it built the bundle
 * ({@code dev.sift.modelops.bundle.GoldenSetRecorder}), and how far a runtime may stray from them. A gateway runs them before taking a bundle live (the canary check): a bundle that loads but
 * computes something else (a different runtime, a broken kernel, a mix-up of files) is refused. A case may carry the
 * turns said before it in its thread: a context-aware bundle is then checked on the path that reads them too (the
 * earlier turns embedded and folded as a gateway folds them), not only on turns judged alone.
 *
 * @param tolerance largest absolute difference allowed on any probability
 * @param cases inputs and expected outputs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoldenSet(double tolerance, List<Case> cases) {

    /** The file name inside a bundle. */
    public static final String FILE_NAME = "golden.json";

    /** Most earlier turns one case may carry: a golden set is a handful of short checks. */
    public static final int MAX_CONTEXT_TURNS = 16;

    /**
     * One golden input.
     *
     * @param text the snippet
     * @param context the turns said before it in its thread, oldest first (empty for a turn judged alone; a
     *     context-free bundle judges every case alone)
     * @param intents expected intent probabilities (empty without an intent head)
     * @param reputation expected polarity probabilities (empty without a reputation head)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Case(String text, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SpokenTurn> context,
            float[] intents, float[] reputation) {

        /** Copies the context (absent in golden sets written before cases had one). */
        public Case {
            context = context == null ? List.of() : List.copyOf(context);
            if (context.size() > MAX_CONTEXT_TURNS) {
                throw new IllegalArgumentException("a golden case carries " + context.size() + " earlier turns, at"
                        + " most " + MAX_CONTEXT_TURNS);
            }
        }

        /**
         * @param text the snippet, judged alone
         * @param intents expected intent probabilities
         * @param reputation expected polarity probabilities
         */
        public Case(String text, float[] intents, float[] reputation) {
            this(text, List.of(), intents, reputation);
        }
    }

    /**
     * @param bundle a bundle
     * @return its golden set, if it has one
     */
    public static java.util.Optional<GoldenSet> of(ModelBundle bundle) {
        Path file = bundle.file(FILE_NAME);
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(BundleJson.MAPPER.readValue(file.toFile(), GoldenSet.class));
        } catch (IOException e) {
            throw new InvalidBundleException(FILE_NAME + " of bundle " + bundle.version() + " is unreadable: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The canary check: runs every golden input and compares.
     *
     * @param classifier the freshly loaded classifier of the bundle
     * @param version the bundle version, for the message
     * @throws InvalidBundleException naming the first input whose output strays beyond the tolerance
     */
    public void verify(SnippetClassifier classifier, String version) {
        List<Classification> actual = new ContextReplay(classifier, 0).classify(cases.stream()
                .map(c -> new ContextReplay.TurnInThread(c.text(), c.context())).toList());
        for (int i = 0; i < cases.size(); i++) {
            compare(version, cases.get(i), "intent", cases.get(i).intents(), actual.get(i).intentScores());
            compare(version, cases.get(i), "reputation", cases.get(i).reputation(), actual.get(i).reputationScores());
        }
    }

    private void compare(String version, Case c, String head, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new InvalidBundleException("canary check of " + version + " failed: " + describe(c) + " gave "
                    + actual.length + " " + head + " scores, golden has " + expected.length);
        }
        for (int k = 0; k < expected.length; k++) {
            double gap = Math.abs(expected[k] - actual[k]);
            if (!(gap <= tolerance)) {
                throw new InvalidBundleException(String.format(java.util.Locale.ROOT,
                        "canary check of %s failed: %s %s score %d is %.4f, golden %.4f (tolerance %.4f)", version,
                        describe(c), head, k, actual[k], expected[k], tolerance));
            }
        }
    }

    private static String describe(Case c) {
        return c.context().isEmpty() ? "'" + c.text() + "'"
                : "'" + c.text() + "' after " + c.context().size() + " earlier turns";
    }
}
