package dev.sift.modelops.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.Classification;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.context.ContextReplay;
import dev.sift.classifier.context.ContextReplay.TurnInThread;
import dev.sift.classifier.context.ContextSlot;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.modelops.console.Progress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default context-aware bundle: trained on the starter sets, it reads every context slot and judges a short turn
 * by the conversation before it, with phrasings it was not trained on.
 */
class DefaultContextBundleIT {

    private static final float FORWARD = 0.5f;

    private static OnnxClassifier classifier;

    @BeforeAll
    static void build() {
        ModelBundle bundle = DefaultBundle.ensureContext(Progress.NONE);
        classifier = OnnxClassifier.open(bundle, InferenceSettings.defaults());
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void shouldReadEveryContextSlot() {
        assertThat(classifier.info().context()).hasValueSatisfying(c ->
                assertThat(c.slots()).containsExactly(ContextSlot.values()));
    }

    @Test
    void shouldTakeAnAffirmationsIntentFromTheOfferItAnswers() {
        // Given a customer saying yes to the agent's offer to cancel
        List<SpokenTurn> before = List.of(new SpokenTurn(TurnRole.CUSTOMER, "my plan costs too much"),
                new SpokenTurn(TurnRole.SERVICE, "I can cancel the plan for you today, shall I?"));

        // When the turn is judged with its thread, and alone
        Classification inThread = new ContextReplay(classifier).classify(List.of(
                new TurnInThread("yes, please go ahead with that", before))).get(0);
        Classification alone = classifier.classify("yes, please go ahead with that");

        // Then only the thread tells that it is about cancelling
        assertThat(inThread.intent("cancellation_risk")).isGreaterThan(FORWARD);
        assertThat(alone.intent("cancellation_risk")).isLessThan(FORWARD);
        assertThat(inThread.embedding()).hasSize(classifier.info().context().orElseThrow().width());
    }

    @Test
    void shouldNotCarryARelevantThreadOverToAnAside() {
        // Given a thread about a refund, and an aside
        List<SpokenTurn> before = List.of(new SpokenTurn(TurnRole.CUSTOMER, "I want a refund"),
                new SpokenTurn(TurnRole.SERVICE, "Shall I refund the full amount?"));

        // When the aside is judged with that thread
        Classification aside = new ContextReplay(classifier).classify(List.of(
                new TurnInThread("hold on, my kid is calling me", before))).get(0);

        // Then no intent reaches the forward score
        for (float score : aside.intentScores()) {
            assertThat(score).isLessThan(FORWARD);
        }
    }
}
