package dev.sift.classifier.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden inputs of a bundle with the outputs model-ops saw when it built the bundle
 * ({@code dev.sift.modelops.bundle.GoldenSetRecorder}), and how far a runtime may stray from them. A gateway runs them before taking a bundle live (the canary check): a bundle that loads but
 * computes something else (a different runtime, a broken kernel, a mix-up of files) is refused.
 *
 * @param tolerance largest absolute difference allowed on any probability
 * @param cases inputs and expected outputs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoldenSet(double tolerance, List<Case> cases) {

    /** The file name inside a bundle. */
    public static final String FILE_NAME = "golden.json";

    /**
     * One golden input.
     *
     * @param text the snippet
     * @param intents expected intent probabilities (empty without an intent head)
     * @param reputation expected polarity probabilities (empty without a reputation head)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Case(String text, float[] intents, float[] reputation) {
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
        List<Classification> actual = classifier.classify(cases.stream().map(Case::text).toList());
        for (int i = 0; i < cases.size(); i++) {
            compare(version, cases.get(i), "intent", cases.get(i).intents(), actual.get(i).intentScores());
            compare(version, cases.get(i), "reputation", cases.get(i).reputation(), actual.get(i).reputationScores());
        }
    }

    private void compare(String version, Case c, String head, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new InvalidBundleException("canary check of " + version + " failed: '" + c.text() + "' gave "
                    + actual.length + " " + head + " scores, golden has " + expected.length);
        }
        for (int k = 0; k < expected.length; k++) {
            double gap = Math.abs(expected[k] - actual[k]);
            if (!(gap <= tolerance)) {
                throw new InvalidBundleException(String.format(java.util.Locale.ROOT,
                        "canary check of %s failed: '%s' %s score %d is %.4f, golden %.4f (tolerance %.4f)", version,
                        c.text(), head, k, actual[k], expected[k], tolerance));
            }
        }
    }
}
