package dev.sift.modelops.bundle;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.BundleJson;
import dev.sift.classifier.bundle.GoldenSet;
import dev.sift.classifier.context.ContextReplay;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
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

    /**
     * Short turns that mean something only after what was said before them in their thread, checked on a
     * context-aware bundle as well: both sides, one and several earlier turns.
     */
    public static final List<ContextReplay.TurnInThread> CANARY_TURNS_IN_THREADS = List.of(
            new ContextReplay.TurnInThread("yes please", List.of(
                    new SpokenTurn(TurnRole.SERVICE, "would you like me to cancel your subscription today?"))),
            new ContextReplay.TurnInThread("it was on the 3rd", List.of(
                    new SpokenTurn(TurnRole.CUSTOMER, "my card was charged twice for the same order"),
                    new SpokenTurn(TurnRole.SERVICE, "sorry about that, which day was the payment taken?"))),
            new ContextReplay.TurnInThread("same here", List.of(
                    new SpokenTurn(TurnRole.CUSTOMER, "the app crashes every time I try to log in"))),
            new ContextReplay.TurnInThread("no that's all, thanks", List.of(
                    new SpokenTurn(TurnRole.CUSTOMER, "how much is the family plan per month?"),
                    new SpokenTurn(TurnRole.SERVICE, "it is 25 dollars a month for up to five people"),
                    new SpokenTurn(TurnRole.SERVICE, "is there anything else I can help you with?"))));

    private GoldenSetRecorder() {
    }

    /**
     * Records what a classifier outputs on the canary texts, and for a context-aware classifier on the canary turns
     * in their threads too.
     *
     * @param classifier the bundle's classifier
     * @param tolerance allowed difference when checked elsewhere
     * @return the golden set
     */
    public static GoldenSet record(SnippetClassifier classifier, double tolerance) {
        List<ContextReplay.TurnInThread> inputs = new ArrayList<>();
        CANARY_TEXTS.forEach(text -> inputs.add(new ContextReplay.TurnInThread(text, List.of())));
        if (classifier.info().context().isPresent()) {
            inputs.addAll(CANARY_TURNS_IN_THREADS);
        }
        List<Classification> results = new ContextReplay(classifier, 0).classify(inputs);
        List<GoldenSet.Case> cases = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            cases.add(new GoldenSet.Case(inputs.get(i).text(), inputs.get(i).earlier(),
                    results.get(i).intentScores(), results.get(i).reputationScores()));
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
