package dev.sift.modelops.learning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Joins the labels of the feedback topic with the snippet texts of the request topics, by snippet id, whichever
 * arrives first. An example is kept once per snippet: a repeated request changes nothing, and a later label replaces
 * the example's label only when it wins ({@link LabelPrecedence}). A half that is still waiting for the other is
 * pending, bounded in number ({@code max-pending} of each) and in age ({@code pending-ttl}, by the time model-ops
 * received it: record timestamps are the writer's to choose); what falls out is counted. Not thread-safe: its owner
 * ({@link LabelCollector}) serializes access.
 */
public final class LabelJoin {

    /**
     * Bounds on what waits for its other half.
     *
     * @param maxPending most requests, and most labels, kept waiting
     * @param pendingTtl longest wait
     */
    public record Limits(int maxPending, Duration pendingTtl) {
    }

    /**
     * A request or label waiting for its other half.
     *
     * @param value the request or label
     * @param receivedAt when model-ops read it (epoch ms)
     * @param <T> request or label
     */
    public record Pending<T>(T value, long receivedAt) {
    }

    private final Limits limits;
    private final JoinEvents events;
    private final Map<String, LabeledExample> examples = new HashMap<>();
    private final LinkedHashMap<String, Pending<RequestText>> pendingRequests = new LinkedHashMap<>();
    private final LinkedHashMap<String, Pending<SnippetLabel>> pendingLabels = new LinkedHashMap<>();
    private final Set<String> changed = new TreeSet<>();

    /**
     * @param limits bounds on pending halves
     * @param events where joins and refusals are reported
     */
    public LabelJoin(Limits limits, JoinEvents events) {
        this.limits = limits;
        this.events = events;
    }

    /**
     * Restores the examples of a data set version; they count as unchanged.
     *
     * @param kept the version's examples
     */
    public void restoreExamples(Collection<LabeledExample> kept) {
        kept.forEach(e -> examples.put(e.snippetId(), e));
    }

    /**
     * Restores what was waiting (in the order it arrived) and the examples changed since the last version.
     *
     * @param requests pending requests
     * @param labels pending labels
     * @param staged examples changed since the last version
     */
    public void restorePending(List<Pending<RequestText>> requests, List<Pending<SnippetLabel>> labels,
            List<LabeledExample> staged) {
        requests.forEach(p -> pendingRequests.put(p.value().snippetId(), p));
        labels.forEach(p -> pendingLabels.put(p.value().snippetId(), p));
        staged.forEach(e -> {
            examples.put(e.snippetId(), e);
            changed.add(e.snippetId());
        });
    }

    /**
     * A request's text arrived.
     *
     * @param request the text
     * @param now when it was read (epoch ms)
     */
    public void offerRequest(RequestText request, long now) {
        String id = request.snippetId();
        if (examples.containsKey(id) || pendingRequests.containsKey(id)) {
            // The same snippet forwarded twice, or both forwarded and audited: its first text stands.
            return;
        }
        Pending<SnippetLabel> label = pendingLabels.remove(id);
        if (label != null) {
            add(new LabeledExample(request, label.value()), false);
            return;
        }
        pendingRequests.put(id, new Pending<>(request, now));
        while (pendingRequests.size() > limits.maxPending()) {
            removeEldest(pendingRequests);
            events.requestDropped();
        }
    }

    /**
     * A label arrived.
     *
     * @param label the validated label
     * @param now when it was read (epoch ms)
     */
    public void offerLabel(SnippetLabel label, long now) {
        String id = label.snippetId();
        LabeledExample existing = examples.get(id);
        if (existing != null) {
            if (!existing.label().equals(label) && LabelPrecedence.overrides(label, existing.label())) {
                add(new LabeledExample(existing.request(), label), true);
            }
            return;
        }
        Pending<RequestText> request = pendingRequests.remove(id);
        if (request != null) {
            add(new LabeledExample(request.value(), label), false);
            return;
        }
        Pending<SnippetLabel> waiting = pendingLabels.get(id);
        if (waiting != null && !LabelPrecedence.overrides(label, waiting.value())) {
            return;
        }
        // Re-inserted so that the eviction order follows the latest arrival.
        pendingLabels.remove(id);
        pendingLabels.put(id, new Pending<>(label, now));
        while (pendingLabels.size() > limits.maxPending()) {
            removeEldest(pendingLabels);
            events.refused(RefusalReason.PENDING_LIMIT);
        }
    }

    /**
     * Drops what waited longer than {@code pending-ttl}.
     *
     * @param now the current time (epoch ms)
     */
    public void expire(long now) {
        long oldest = now - limits.pendingTtl().toMillis();
        for (Iterator<Pending<RequestText>> it = pendingRequests.values().iterator(); it.hasNext(); ) {
            if (it.next().receivedAt() < oldest) {
                it.remove();
                events.requestDropped();
            }
        }
        for (Iterator<Pending<SnippetLabel>> it = pendingLabels.values().iterator(); it.hasNext(); ) {
            if (it.next().receivedAt() < oldest) {
                it.remove();
                events.refused(RefusalReason.UNKNOWN_REQUEST);
            }
        }
    }

    /**
     * Keeps at most {@code max} examples, dropping those labeled earliest.
     *
     * @param max the most examples kept
     * @return how many were dropped
     */
    public int limitExamples(int max) {
        if (examples.size() <= max) {
            return 0;
        }
        List<LabeledExample> byAge = new ArrayList<>(examples.values());
        byAge.sort(HeldOutSlice.TIME_ORDER);
        int drop = byAge.size() - max;
        for (LabeledExample e : byAge.subList(0, drop)) {
            examples.remove(e.snippetId());
            changed.remove(e.snippetId());
        }
        return drop;
    }

    /** @return every example, in no particular order */
    public Collection<LabeledExample> examples() {
        return List.copyOf(examples.values());
    }

    /** @return the examples made or changed since {@link #markVersioned()} */
    public List<LabeledExample> staged() {
        return changed.stream().map(examples::get).toList();
    }

    /** The current examples now are a data set version: nothing is staged any more. */
    public void markVersioned() {
        changed.clear();
    }

    /** @return requests waiting for their labels, oldest first */
    public List<Pending<RequestText>> pendingRequests() {
        return List.copyOf(pendingRequests.values());
    }

    /** @return labels waiting for their requests, oldest first */
    public List<Pending<SnippetLabel>> pendingLabels() {
        return List.copyOf(pendingLabels.values());
    }

    private void add(LabeledExample example, boolean replaced) {
        examples.put(example.snippetId(), example);
        changed.add(example.snippetId());
        events.joined(example, replaced);
    }

    private static void removeEldest(LinkedHashMap<String, ?> map) {
        Iterator<String> it = map.keySet().iterator();
        it.next();
        it.remove();
    }
}
