package dev.sift.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.Classification;
import dev.sift.gateway.audit.AuditBudget;
import dev.sift.gateway.topology.DecidedSnippet;
import dev.sift.gateway.topology.DecisionDetail;
import dev.sift.gateway.topology.SnippetDecider;
import dev.sift.gateway.topology.TaskStores;
import dev.sift.gateway.whatif.WhatIf;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.Polarity;
import dev.sift.schema.ReputationRule;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One forward rule: the live filter and the what-if replay of its recorded decisions agree on every snippet, for
 * random policies (thresholds, always- and never-forward intents, thresholds of 0, reputation rules, budgets) and
 * random scores.
 */
class ForwardRuleTest {

    private static final List<String> INTENTS = List.of("complaint", "refund_request", "praise", "cancellation_risk",
            "human_agent_request", "security_concern");
    private static final List<String> BRANDS = List.of("Brightcart", "Acme Air", "Globex");

    @Test
    void shouldDecideARecordedDecisionAsTheLiveFilterDecidedIt() {
        Random random = new Random(20261203);
        int disagreements = 0;
        int forwardedLive = 0;
        for (int round = 0; round < 300; round++) {
            // Given a random policy and 50 snippets with random scores, decided live in order
            FilterPolicy policy = policy(random);
            SnippetDecider decider = new SnippetDecider(new PolicyBook(policy), Clock.systemUTC(), "gw-1",
                    DecisionDetail.DEFAULTS);
            List<DecidedSnippet> live = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                live.add(decider.decide(snippet(random, round + "-" + i), List.of(), classification(random),
                        "model-v1", 0, new TaskStores(id -> null, AuditBudget.UNLIMITED)));
            }

            // When each recorded decision is replayed alone without a budget, and all of them in order with it
            for (DecidedSnippet d : live) {
                FilterPolicy unbudgeted = FilterPolicy.newBuilder(policy).setForwardBudget(null).build();
                boolean wouldForward = WhatIf.evaluate(List.of(d.decision()), unbudgeted, Map.of()).forwardRate() > 0;
                boolean heldBack = d.decision().getReasons().stream()
                        .anyMatch(r -> r.getKind() == dev.sift.schema.ReasonKind.BUDGET_EXHAUSTED);
                // Then the replay forwards what the live filter forwarded, or held back only for the budget
                if (wouldForward != (d.forwarded() || heldBack)) {
                    disagreements++;
                }
                forwardedLive += d.forwarded() ? 1 : 0;
            }
            double replayedRate = WhatIf.evaluate(live.stream().map(DecidedSnippet::decision).toList(), policy,
                    Map.of()).forwardRate();
            long liveForwarded = live.stream().filter(DecidedSnippet::forwarded).count();
            assertThat(replayedRate).as("round %d", round).isEqualTo(liveForwarded / 50.0);
        }
        assertThat(disagreements).isZero();
        assertThat(forwardedLive).as("the random policies forward some snippets and drop others")
                .isBetween(1_000, 14_000);
    }

    private static FilterPolicy policy(Random random) {
        Map<String, Float> thresholds = new LinkedHashMap<>();
        List<String> always = new ArrayList<>();
        List<String> never = new ArrayList<>();
        for (String intent : INTENTS) {
            int kind = random.nextInt(6);
            if (kind == 0) {
                thresholds.put(intent, random.nextBoolean() ? 0f : random.nextFloat());
            } else if (kind == 1) {
                always.add(intent);
            } else if (kind == 2) {
                never.add(intent);
            }
        }
        ReputationRule rule = random.nextBoolean() ? null : ReputationRule.newBuilder()
                .setWatchedBrands(random.nextBoolean() ? List.of() : List.of(BRANDS.get(random.nextInt(BRANDS.size()))))
                .setPolarity(Polarity.values()[random.nextInt(3)]).setThreshold(random.nextFloat()).build();
        return FilterPolicy.newBuilder().setTenant(PolicyBook.DEFAULT_ID)
                .setDefaultThreshold(0.3f + random.nextFloat() * 0.7f)
                .setIntentThresholds(thresholds).setAlwaysForward(always).setNeverForward(never)
                .setReputationRule(rule).setForwardBudget(random.nextInt(3) == 0 ? 0.05f + random.nextFloat() * 0.3f
                        : null)
                .setUpdatedAt(Instant.EPOCH).build();
    }

    private static Classification classification(Random random) {
        float[] scores = new float[INTENTS.size()];
        for (int k = 0; k < scores.length; k++) {
            // Many scores below the recording floor, as real ones are
            scores[k] = random.nextInt(3) == 0 ? random.nextFloat() * 0.01f : random.nextFloat();
        }
        float negative = random.nextFloat();
        float positive = random.nextFloat() * (1 - negative);
        return new Classification(INTENTS, scores, List.of("negative", "neutral", "positive"),
                new float[] {negative, 1 - negative - positive, positive}, 20, false);
    }

    private static ConversationSnippet snippet(Random random, String id) {
        List<String> hints = random.nextBoolean() ? List.of() : List.of(BRANDS.get(random.nextInt(BRANDS.size())));
        return ConversationSnippet.newBuilder().setSnippetId("s-" + id).setConversationId("c-1").setTenant("acme")
                .setChannel("chat").setSpeaker(Speaker.newBuilder().setId("u").setRole(SpeakerRole.CUSTOMER).build())
                .setText("some text").setEventTime(Instant.EPOCH).setBrandHints(hints).build();
    }
}
