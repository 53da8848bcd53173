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
        Verdict result = verdict;
        if (budget != null && verdict.forwarded() && !alwaysForward(verdict.reasons())) {
            Deque<Boolean> window = windows.getOrDefault(policyId, new ArrayDeque<>());
            int count = forwarded.getOrDefault(policyId, 0);
            int size = Math.max(1, window.size());
            if (count + 1 > budget * Math.max(MIN_WINDOW, Math.min(WINDOW, window.size() + 1))) {
                ForwardReason reason = ForwardReason.newBuilder().setKind(ReasonKind.BUDGET_EXHAUSTED)
                        .setScore((float) count / size).setThreshold(budget)
                        .setDetail(String.format(Locale.ROOT, "forward budget %.0f%% reached (%d of the last %d)",
                                budget * 100, count, window.size())).build();
                result = new Verdict(false, verdict.intents(), verdict.reputation(), List.of(reason), verdict.policy());
            }
        }
        record(policyId, result.forwarded());
        return result;
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
