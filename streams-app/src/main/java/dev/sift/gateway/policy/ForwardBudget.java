package dev.sift.gateway.policy;

import dev.sift.schema.ForwardReason;
import dev.sift.schema.ReasonKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Enforces a policy's forward budget (the largest share of its traffic that may reach the LLM) over the last
 * {@value #WINDOW} decisions of each policy this processor made. Snippets forwarded by an always-forward intent are
 * never held back. The window is per stream task and kept in memory: a soft limit, reset by a restart or rebalance.
 */
public final class ForwardBudget {

    /** Decisions the budget is measured over. */
    public static final int WINDOW = 1000;
    /** Smallest denominator: the first forwards of a quiet tenant are not held back. */
    private static final int MIN_WINDOW = 20;

    private final Map<String, Deque<Boolean>> windows = new HashMap<>();
    private final Map<String, Integer> forwarded = new HashMap<>();

    /**
     * @param policyId the deciding policy
     * @param budget its forward budget, or null for none
     * @param verdict the policy's verdict
     * @return the verdict, or a held-back one when forwarding would exceed the budget
     */
    public Verdict apply(String policyId, Float budget, Verdict verdict) {
        Deque<Boolean> window = windows.getOrDefault(policyId, new ArrayDeque<>());
        int count = forwarded.getOrDefault(policyId, 0);
        int size = Math.max(1, window.size());
        int seen = window.size();
        if (admit(policyId, budget, verdict.forwarded(), alwaysForward(verdict.reasons())) == verdict.forwarded()) {
            return verdict;
        }
        ForwardReason reason = ForwardReason.newBuilder().setKind(ReasonKind.BUDGET_EXHAUSTED)
                .setScore((float) count / size).setThreshold(budget)
                .setDetail(String.format(Locale.ROOT, "forward budget %.0f%% reached (%d of the last %d)",
                        budget * 100, count, seen)).build();
        return new Verdict(false, verdict.intents(), verdict.reputation(), List.of(reason), verdict.policy());
    }

    /**
     * Decides one snippet under the budget and counts it: what the live filter does, and what a replay of recorded
     * decisions simulates.
     *
     * @param policyId the deciding policy
     * @param budget its forward budget, or null for none
     * @param wouldForward whether the policy forwards the snippet ({@link ForwardRule})
     * @param byAlwaysForward whether an always-forward intent forwards it (never held back)
     * @return whether it is forwarded
     */
    public boolean admit(String policyId, Float budget, boolean wouldForward, boolean byAlwaysForward) {
        boolean admitted = wouldForward;
        if (budget != null && wouldForward && !byAlwaysForward) {
            Deque<Boolean> window = windows.getOrDefault(policyId, new ArrayDeque<>());
            int count = forwarded.getOrDefault(policyId, 0);
            admitted = count + 1 <= budget * Math.max(MIN_WINDOW, Math.min(WINDOW, window.size() + 1));
        }
        record(policyId, admitted);
        return admitted;
    }

    private static boolean alwaysForward(List<ForwardReason> reasons) {
        return reasons.stream().anyMatch(r -> r.getKind() == ReasonKind.ALWAYS_FORWARD);
    }

    private void record(String policyId, boolean wasForwarded) {
        Deque<Boolean> window = windows.computeIfAbsent(policyId, k -> new ArrayDeque<>());
        window.addLast(wasForwarded);
        forwarded.merge(policyId, wasForwarded ? 1 : 0, Integer::sum);
        if (window.size() > WINDOW && window.removeFirst()) {
            forwarded.merge(policyId, -1, Integer::sum);
        }
    }
}
