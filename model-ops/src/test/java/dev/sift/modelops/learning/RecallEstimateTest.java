package dev.sift.modelops.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.LabelOrigin;
import dev.sift.schema.RequestKind;
import dev.sift.schema.audit.AuditSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RecallEstimateTest {

    private static final double AUDIT_RATE = 0.02;
    /** Share of each intent's snippets the filter forwards: what the estimate has to find. */
    private static final Map<String, Double> TRUE_RECALL = Map.of("billing_problem", 0.92, "cancellation_risk", 0.85,
            "complaint", 0.75, "data_export_request", 0.0);

    @Test
    void shouldEstimateTheRecallOfTwentyFourThousandSnippetsWithinFivePointsFromATwoPercentAudit() {
        // Given 24,000 snippets, a quarter relevant (one of four intents), a filter that forwards each intent's
        // snippets at its own recall, and the gateways' 2% audit sample of what it drops
        Population population = Population.of("acme-chat-", 24_000);

        // When recall is estimated from the labels
        Map<String, RecallEstimate.IntentRecall> estimates = population.estimates();

        // Then the recall over every relevant snippet is within 5 points of the truth, inside its 95% interval
        RecallEstimate.IntentRecall any = estimates.get(RecallEstimate.ANY_INTENT);
        System.out.printf(java.util.Locale.ROOT, "RECALL-ESTIMATE FIGURES: 24,000 snippets, 2%% audit (%d audited"
                + " relevant): true recall %.3f, estimated %.3f [%.3f, %.3f]%n", any.audited(), population.truth(),
                any.recall(), any.low(), any.high());
        assertThat(any.recall()).isCloseTo(population.truth(), Offset.offset(0.05));
        assertThat(population.truth()).isBetween(any.low(), any.high());
        // And the intent the filter never forwards is estimated at 0, from the audit alone
        assertThat(estimates.get("data_export_request").recall()).isZero();
        assertThat(estimates.get("data_export_request").audited()).isPositive();
    }

    @Test
    void shouldCoverTheTrueRecallWithItsNinetyFivePercentIntervalAboutNinetyFiveTimesInAHundred() {
        // Given 200 independent populations of 10,000 snippets (other ids, so other audit samples and decisions)
        int covered = 0;
        int coveredPerIntent = 0;
        int intentIntervals = 0;
        for (int p = 0; p < 200; p++) {
            Population population = Population.of("tenant-" + p + "-", 10_000);
            Map<String, RecallEstimate.IntentRecall> estimates = population.estimates();
            RecallEstimate.IntentRecall any = estimates.get(RecallEstimate.ANY_INTENT);
            if (population.truth() >= any.low() && population.truth() <= any.high()) {
                covered++;
            }
            for (String intent : TRUE_RECALL.keySet()) {
                RecallEstimate.IntentRecall estimate = estimates.get(intent);
                double truth = population.truth(intent);
                intentIntervals++;
                if (truth >= estimate.low() && truth <= estimate.high()) {
                    coveredPerIntent++;
                }
            }
        }

        // Then the intervals hold the truth at about their nominal rate (exact Poisson intervals err on the wide side)
        System.out.printf(java.util.Locale.ROOT, "RECALL-ESTIMATE FIGURES: 95%% intervals held the true recall in %d of"
                + " 200 populations (any intent) and %.1f%% of the per-intent intervals%n", covered,
                100.0 * coveredPerIntent / intentIntervals);
        assertThat(covered).isGreaterThanOrEqualTo(180);
        assertThat((double) coveredPerIntent / intentIntervals).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void shouldBoundTheRecallOfAnIntentNoAuditHasFoundMissing() {
        // Given 40 forwarded complaints and a 1% audit that found no dropped complaint among 300 audited snippets
        List<LabeledExample> labeled = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            labeled.add(example("f-" + i, RequestKind.FORWARD, 0, "complaint"));
        }
        for (int i = 0; i < 300; i++) {
            labeled.add(example("a-" + i, RequestKind.AUDIT, 0.01, null));
        }

        // Then the point estimate is 1, and the interval says a few hundred dropped complaints could have gone unseen
        RecallEstimate.IntentRecall complaint = RecallEstimate.of(labeled).stream()
                .filter(r -> r.intent().equals("complaint")).findFirst().orElseThrow();
        assertThat(complaint.recall()).isEqualTo(1.0);
        assertThat(complaint.high()).isEqualTo(1.0);
        assertThat(complaint.low()).isBetween(0.08, 0.12);
    }

    @Test
    void shouldEstimatePrecisionAndRecallPerTenantAndForTheFleet() {
        // Given acme's 90 forwarded snippets of which 80 relevant and globex's 10 forwarded, all relevant
        List<LabeledExample> labeled = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            labeled.add(example("acme", "a-" + i, RequestKind.FORWARD, 0, i < 80 ? "complaint" : null));
        }
        for (int i = 0; i < 10; i++) {
            labeled.add(example("globex", "g-" + i, RequestKind.FORWARD, 0, "complaint"));
        }
        // And one dropped complaint of globex in its 10% audit sample
        labeled.add(example("globex", "g-audit", RequestKind.AUDIT, 0.1, "complaint"));

        // When the quality is estimated
        Map<String, RecallEstimate.Quality> quality = RecallEstimate.byTenant(labeled).stream()
                .collect(Collectors.toMap(RecallEstimate.Quality::tenant, Function.identity()));

        // Then the fleet and each tenant have their precision, with an interval around it
        assertThat(quality.keySet()).containsExactlyInAnyOrder("*", "acme", "globex");
        assertThat(quality.get("*").precision().precision()).isEqualTo(0.9);
        assertThat(quality.get("acme").precision().precision()).isCloseTo(80 / 90.0, Offset.offset(1e-9));
        assertThat(quality.get("acme").precision().low()).isBetween(0.79, 0.85);
        assertThat(quality.get("acme").precision().high()).isBetween(0.92, 0.97);
        assertThat(quality.get("globex").precision().high()).isEqualTo(1.0);
        // And globex's recall counts its one audited complaint as ten missed
        RecallEstimate.IntentRecall globex = quality.get("globex").intents().stream()
                .filter(r -> r.intent().equals("complaint")).findFirst().orElseThrow();
        assertThat(globex.missed()).isCloseTo(10.0, Offset.offset(1e-9));
        assertThat(globex.recall()).isCloseTo(0.5, Offset.offset(1e-9));
    }

    private static LabeledExample example(String id, RequestKind kind, double rate, String intent) {
        return example("acme", id, kind, rate, intent);
    }

    private static LabeledExample example(String tenant, String id, RequestKind kind, double rate, String intent) {
        RequestText request = new RequestText(id, "text of " + id, kind, List.of(), "model-v1", tenant, rate);
        SnippetLabel label = new SnippetLabel(id, intent == null ? List.of() : List.of(intent), null, null,
                LabelOrigin.LLM, "teacher", 0);
        return new LabeledExample(request, label);
    }

    /** Snippets with their true intents, the filter's decisions, and the labels the teacher gave. */
    private record Population(List<LabeledExample> labeled, Map<String, long[]> relevant,
            Map<String, long[]> forwardedRelevant) {

        static Population of(String prefix, int size) {
            List<LabeledExample> labeled = new ArrayList<>();
            Map<String, long[]> relevant = new TreeMap<>();
            Map<String, long[]> forwardedRelevant = new TreeMap<>();
            List<String> intents = TRUE_RECALL.keySet().stream().sorted().toList();
            for (int i = 0; i < size; i++) {
                String id = prefix + i;
                String intent = i % 4 == 0 ? intents.get(i / 4 % intents.size()) : null;
                // The filter's decision is independent of the audit hash: another draw from the same id.
                double draw = AuditSampler.position("model|" + id);
                boolean forwarded = intent == null ? draw < 0.03 : draw < TRUE_RECALL.get(intent);
                if (intent != null) {
                    relevant.computeIfAbsent(intent, k -> new long[1])[0]++;
                    if (forwarded) {
                        forwardedRelevant.computeIfAbsent(intent, k -> new long[1])[0]++;
                    }
                }
                // Every forwarded snippet reaches the teacher; of the dropped, the audit sample
                if (forwarded) {
                    labeled.add(example(id, RequestKind.FORWARD, 0, intent));
                } else if (AuditSampler.sampled(id, AUDIT_RATE)) {
                    labeled.add(example(id, RequestKind.AUDIT, AUDIT_RATE, intent));
                }
            }
            return new Population(labeled, relevant, forwardedRelevant);
        }

        Map<String, RecallEstimate.IntentRecall> estimates() {
            return RecallEstimate.of(labeled).stream()
                    .collect(Collectors.toMap(RecallEstimate.IntentRecall::intent, Function.identity()));
        }

        double truth() {
            return (double) sum(forwardedRelevant) / sum(relevant);
        }

        double truth(String intent) {
            return (double) forwardedRelevant.getOrDefault(intent, new long[1])[0] / relevant.get(intent)[0];
        }

        private static long sum(Map<String, long[]> counts) {
            return counts.values().stream().mapToLong(c -> c[0]).sum();
        }
    }
}
