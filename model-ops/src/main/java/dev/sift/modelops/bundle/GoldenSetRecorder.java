package dev.sift.modelops.bundle;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.BundleJson;
import dev.sift.classifier.bundle.GoldenSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a bundle's {@link GoldenSet}: what its classifier outputs on the canary texts when model-ops builds it, for
 * gateways to compare with before taking the bundle live.
 */
public final class GoldenSetRecorder {

    /** Snippets every bundle is checked on: short and long, relevant and not, several brands and moods. */
    public static final List<String> CANARY_TEXTS = List.of(
            "hi there",
            "I was charged twice for my order and I want a refund",
            "please cancel my subscription, I'm switching providers",
            "can I talk to a real person please",
            "the app keeps crashing when I open my account page",
            "@VeloceAir thank you for the upgrade, the crew was amazing",
            "worst customer service ever, never flying with them again",
            "lol see you at the game tonight",
            "how much is the family plan per month?",
            "someone logged into my account from another country",
            "ok thanks",
            "my parcel was supposed to arrive three days ago and the tracking page has not changed since monday");

    private GoldenSetRecorder() {
    }

    /**
     * Records what a classifier outputs on the canary texts.
     *
     * @param classifier the bundle's classifier
     * @param tolerance allowed difference when checked elsewhere
     * @return the golden set
     */
    public static GoldenSet record(SnippetClassifier classifier, double tolerance) {
        List<GoldenSet.Case> cases = new ArrayList<>();
        List<Classification> results = classifier.classify(CANARY_TEXTS);
        for (int i = 0; i < CANARY_TEXTS.size(); i++) {
            cases.add(new GoldenSet.Case(CANARY_TEXTS.get(i), results.get(i).intentScores(),
                    results.get(i).reputationScores()));
        }
        return new GoldenSet(tolerance, cases);
    }

    /**
     * Writes a golden set into a bundle directory (seal the bundle afterwards: {@link BundleWriter#seal}).
     *
     * @param golden the golden set
     * @param directory the bundle directory
     */
    public static void write(GoldenSet golden, Path directory) {
        try {
            BundleJson.writer().writeValue(directory.resolve(GoldenSet.FILE_NAME).toFile(), golden);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + GoldenSet.FILE_NAME, e);
        }
    }
}
