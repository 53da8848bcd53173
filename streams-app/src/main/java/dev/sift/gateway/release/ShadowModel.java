package dev.sift.gateway.release;

import dev.sift.classifier.Classification;
import dev.sift.classifier.context.ContextReplay;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.gateway.policy.Verdict;
import dev.sift.gateway.topology.DecidedSnippet;
import dev.sift.gateway.topology.DecisionObserver;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A candidate release scoring a sample of live traffic beside the live model, without affecting any decision: its
 * agreement with the live model's forward decisions decides whether it is promoted. A candidate that reads
 * conversation context judges each sampled turn after the earlier turns its decision carries (the latest ones of its
 * thread, as text), each embedded by the candidate itself ({@link ContextReplay}, with a small cache), since the live
 * model's thread memories are in another model's space.
 */
@Singleton
public class ShadowModel implements DecisionObserver {

    private final ReleaseConfig config;
    private final AtomicReference<Trial> trial = new AtomicReference<>();

    /**
     * @param config shadow settings
     */
    public ShadowModel(ReleaseConfig config) {
        this.config = config;
    }

    /**
     * A candidate on trial.
     *
     * @param ready the prepared release
     * @param model its classifier, leased per use
     * @param samples snippets scored so far
     * @param agreed of which the forward decision agreed
     * @param onVerdict called once, with true to promote, false to reject
     * @param replay scores with earlier turns, for a candidate that reads context; used under its own lock and
     *     within a lease of {@code model}
     */
    record Trial(ReleaseInstaller.Ready ready, LiveModel model, AtomicInteger samples, AtomicInteger agreed,
            Consumer<Boolean> onVerdict, ContextReplay replay) {
    }

    /** Earlier-turn embeddings a trial keeps: a few conversations' latest turns. */
    static final int CACHED_TURNS = 512;

    /**
     * Puts a candidate on trial, replacing (and closing) any previous one.
     *
     * @param ready the prepared release
     * @param onVerdict called once when enough samples were scored
     */
    public void start(ReleaseInstaller.Ready ready, Consumer<Boolean> onVerdict) {
        Trial previous = trial.getAndSet(new Trial(ready, new LiveModel(ready.classifier()), new AtomicInteger(),
                new AtomicInteger(), onVerdict, new ContextReplay(ready.classifier(), CACHED_TURNS)));
        if (previous != null) {
            previous.model().close();
        }
    }

    /** @return the version on trial, or null */
    public String version() {
        Trial t = trial.get();
        return t == null ? null : t.ready().release().getVersion();
    }

    /** @return agreement so far, or NaN */
    public double agreement() {
        Trial t = trial.get();
        return t == null || t.samples().get() == 0 ? Double.NaN : (double) t.agreed().get() / t.samples().get();
    }

    @Override
    public void observe(DecidedSnippet decided, FilterPolicy policy) {
        observe(decided.snippet(), decided.context(), policy, decided.decision().getPolicy().getPolicyId(),
                decided.verdict());
    }

    /**
     * Maybe scores a snippet with the candidate too (on the caller's thread; the live decision is already made).
     *
     * @param snippet the snippet
     * @param earlier the earlier turns of its thread its decision carries, oldest first (empty: judged alone)
     * @param policy the policy that decided it
     * @param policyId its id
     * @param live the live verdict
     */
    public void observe(ConversationSnippet snippet, List<ContextTurn> earlier, FilterPolicy policy,
            String policyId, Verdict live) {
        Trial t = trial.get();
        if (t == null || ThreadLocalRandom.current().nextDouble() >= config.getShadowSampleRate()) {
            return;
        }
        Classification scores;
        try (LiveModel.Lease lease = t.model().acquire()) {
            scores = score(t.replay(), snippet.getText(), earlier);
        } catch (IllegalStateException closed) {
            return;
        }
        Verdict shadow = PolicyEvaluator.evaluate(policy, policyId, snippet, scores);
        int samples = t.samples().incrementAndGet();
        if (shadow.forwarded() == live.forwarded()) {
            t.agreed().incrementAndGet();
        }
        if (samples == config.getShadowMinSamples() && trial.compareAndSet(t, null)) {
            boolean promote = (double) t.agreed().get() / samples >= config.getShadowMinAgreement();
            t.model().close();
            t.onVerdict().accept(promote);
        }
    }

    private static Classification score(ContextReplay replay, String text, List<ContextTurn> earlier) {
        List<SpokenTurn> turns = earlier.stream()
                .map(turn -> new SpokenTurn(TurnRole.of(turn.getRole().name()), turn.getText())).toList();
        synchronized (replay) {
            return replay.classify(List.of(new ContextReplay.TurnInThread(text, turns))).get(0);
        }
    }

    /** Ends any trial without a verdict (shutdown). */
    public void stop() {
        Trial t = trial.getAndSet(null);
        if (t != null) {
            t.model().close();
        }
    }

    @Override
    public String toString() {
        return "ShadowModel[" + Objects.toString(version(), "none") + "]";
    }
}
