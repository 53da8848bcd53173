package dev.sift.modelops.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.train.HeadTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** "Better than live": held-out micro-F1 at the fleet threshold, no intent losing, new intents covered. */
class BetterThanLiveTest {

    private static final BetterThanLive.Criteria CRITERIA = new BetterThanLive.Criteria(0.8, 0.5, 5, 5, 0.5);
    private static final List<String> LABELS = List.of("complaint", "data_export_request", "praise");
    private static final Set<String> LIVE = Set.of("complaint", "praise");

    @Test
    void shouldPreferACandidateThatGainsAndLosesNoIntent() {
        // Given ten complaints, ten praises; live misses two complaints, the candidate none
        Heldout h = new Heldout();
        h.add(10, "complaint", 0.9f, 0.9f);
        h.add(2, "complaint", 0.5f, 0.9f);
        h.add(10, "praise", 0.9f, 0.9f);

        BetterThanLive.Verdict verdict = h.judge();

        assertThat(verdict.better()).as(verdict.reason()).isTrue();
        assertThat(verdict.candidateMicroF1()).isEqualTo(1.0);
        assertThat(verdict.liveMicroF1()).isLessThan(1.0);
        assertThat(verdict.reason()).contains("held-out micro-F1@0.80 100.00%");
    }

    @Test
    void shouldRefuseACandidateWhoseIntentLosesMoreThanTheTolerance() {
        // Given a candidate that learns a new intent but forgets most praise
        Heldout h = new Heldout();
        h.add(10, "data_export_request", 0f, 0.95f);
        h.add(7, "praise", 0.9f, 0.2f);
        h.add(3, "praise", 0.9f, 0.9f);

        BetterThanLive.Verdict verdict = h.judge();

        assertThat(verdict.better()).isFalse();
        assertThat(verdict.reason()).startsWith("intent praise loses 53.85 points of held-out F1 (100.00% -> 46.15% on 10 examples)");
    }

    @Test
    void shouldCountANewIntentAsMissedByTheLiveModel() {
        // Given held-out labels of an intent the live model does not have
        Heldout h = new Heldout();
        h.add(10, "complaint", 0.9f, 0.9f);
        h.add(6, "data_export_request", 0f, 0.9f);

        BetterThanLive.Verdict verdict = h.judge();

        // Then the candidate gains by covering it
        assertThat(verdict.better()).isTrue();
        assertThat(verdict.intents()).filteredOn(f -> f.intent().equals("data_export_request")).singleElement()
                .satisfies(f -> {
                    assertThat(f.added()).isTrue();
                    assertThat(f.live()).isZero();
                    assertThat(f.candidate()).isEqualTo(1.0);
                });
    }

    @Test
    void shouldRefuseANewIntentBelowItsMinimumF1() {
        // Given a new intent the candidate finds in one of six examples
        Heldout h = new Heldout();
        h.add(20, "complaint", 0.7f, 0.9f);
        h.add(1, "data_export_request", 0f, 0.9f);
        h.add(5, "data_export_request", 0f, 0.3f);

        BetterThanLive.Verdict verdict = h.judge();

        assertThat(verdict.better()).isFalse();
        assertThat(verdict.reason()).startsWith("new intent data_export_request reaches a held-out F1 of 28.57%");
    }

    @Test
    void shouldRefuseACandidateThatDoesNotGainEnough() {
        // Given a candidate exactly as good as live
        Heldout h = new Heldout();
        h.add(10, "complaint", 0.9f, 0.9f);
        h.add(10, "praise", 0.5f, 0.5f);

        BetterThanLive.Verdict verdict = h.judge();

        assertThat(verdict.better()).isFalse();
        assertThat(verdict.reason()).contains("does not beat the live model's").contains("by 0.50 points (+0.00)");
    }

    @Test
    void shouldNotJudgeAnIntentOnTooFewExamples() {
        // Given praise, with four held-out examples, lost entirely while complaints improve a lot
        Heldout h = new Heldout();
        h.add(30, "complaint", 0.5f, 0.9f);
        h.add(4, "praise", 0.9f, 0.1f);

        BetterThanLive.Verdict verdict = h.judge();

        assertThat(verdict.better()).as(verdict.reason()).isTrue();
        assertThat(verdict.intents()).filteredOn(f -> f.intent().equals("praise")).singleElement()
                .satisfies(f -> assertThat(f.judged()).isFalse());
    }

    /** Held-out examples with one true intent each and both models' score for it (0 for the others). */
    private static final class Heldout {
        private final List<Set<String>> truth = new ArrayList<>();
        private final List<float[]> live = new ArrayList<>();
        private final List<float[]> candidate = new ArrayList<>();

        void add(int count, String intent, float liveScore, float candidateScore) {
            for (int i = 0; i < count; i++) {
                truth.add(Set.of(intent));
                float[] l = new float[LABELS.size()];
                float[] c = new float[LABELS.size()];
                l[LABELS.indexOf(intent)] = liveScore;
                c[LABELS.indexOf(intent)] = candidateScore;
                live.add(l);
                candidate.add(c);
            }
        }

        BetterThanLive.Verdict judge() {
            return BetterThanLive.judge(CRITERIA, LABELS, LIVE, live.toArray(float[][]::new),
                    candidate.toArray(float[][]::new), HeadTrainer.truth(truth, LABELS));
        }
    }
}
