package dev.sift.gateway.support;

import dev.sift.classifier.Classification;
import dev.sift.classifier.ClassificationException;
import dev.sift.classifier.ClassifierStats;
import dev.sift.classifier.ModelInfo;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.context.ContextInputs;
import dev.sift.classifier.context.ContextSlot;
import dev.sift.classifier.context.ContextualText;
import dev.sift.classifier.context.ThreadMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deterministic context-aware test double (tests only), so that a specification can tell which context a turn was
 * judged with. A turn's own scores are scripted as in {@link ScriptedClassifier} ({@code "complaint=0.9"}, else
 * 0.05); its embedding is that vector of intent scores (width: the number of intents); its intent score is the larger
 * of its own and the mean of its thread's earlier customer turns ({@link ContextSlot#EARLIER_CUSTOMER_MEAN}). So
 * {@code "ok"} after {@code "complaint=0.9"} in the same thread scores complaint 0.9, and 0.05 in a fresh thread. A
 * call with a text containing {@code "fail-inference"} fails; a turn containing {@code "no-embedding"} comes back
 * without its embedding, as a broken model's would.
 */
public final class ContextScriptedClassifier implements SnippetClassifier {

    /** Embedding width: one dimension per intent. */
    public static final int WIDTH = ScriptedClassifier.INTENTS.size();

    private static final List<String> POLARITIES = List.of("negative", "neutral", "positive");

    private final String version;
    private final ClassifierStats stats = new ClassifierStats();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<ContextualText> seen = new CopyOnWriteArrayList<>();

    /**
     * @param version model version to report
     */
    public ContextScriptedClassifier(String version) {
        this.version = version;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo(version, "scripted-context", ScriptedClassifier.INTENTS, POLARITIES, 128, "fp32",
                new ContextInputs(List.of(ContextSlot.PREVIOUS_SERVICE_TURN, ContextSlot.PREVIOUS_CUSTOMER_TURN,
                        ContextSlot.EARLIER_CUSTOMER_MEAN), WIDTH));
    }

    /** @return how many turns each inference call had, in call order */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /**
     * @param text a turn's text
     * @return the memory the turn was last judged with
     */
    public ThreadMemory memoryOf(String text) {
        ThreadMemory found = null;
        for (ContextualText turn : seen) {
            if (turn.text().equals(text)) {
                found = turn.memory();
            }
        }
        if (found == null) {
            throw new AssertionError("no turn '" + text + "' was scored");
        }
        return found;
    }

    @Override
    public List<Classification> classify(List<String> texts) {
        return classifyInContext(texts.stream().map(t -> new ContextualText(t, ThreadMemory.empty(WIDTH))).toList());
    }

    @Override
    public List<Classification> classifyInContext(List<ContextualText> turns) {
        batchSizes.add(turns.size());
        if (turns.stream().anyMatch(turn -> turn.text().contains("fail-inference"))) {
            throw new ClassificationException("inference failed for " + turns.size() + " turns",
                    new IllegalStateException("scripted failure"));
        }
        seen.addAll(turns);
        List<Classification> out = new ArrayList<>();
        for (ContextualText turn : turns) {
            if (turn.memory().width() != WIDTH) {
                throw new IllegalArgumentException("memory of width " + turn.memory().width());
            }
            Map<String, Float> scripted = ScriptedClassifier.parse(turn.text());
            float[] own = new float[WIDTH];
            float[] earlier = turn.memory().slot(ContextSlot.EARLIER_CUSTOMER_MEAN);
            float[] intents = new float[WIDTH];
            for (int i = 0; i < WIDTH; i++) {
                own[i] = scripted.getOrDefault(ScriptedClassifier.INTENTS.get(i), 0.05f);
                intents[i] = Math.max(own[i], earlier[i]);
            }
            float negative = scripted.getOrDefault("negative", 0.1f);
            float positive = scripted.getOrDefault("positive", 0.1f);
            float[] reputation = {negative, Math.max(0f, 1f - negative - positive), positive};
            float[] embedding = turn.text().contains("no-embedding") ? new float[0] : own;
            out.add(new Classification(ScriptedClassifier.INTENTS, intents, POLARITIES, reputation,
                    turn.text().split("\\s+").length + 2, false, embedding));
        }
        stats.record(turns.size(), 0, 0);
        return out;
    }

    @Override
    public ClassifierStats stats() {
        return stats;
    }

    @Override
    public void close() {
        // Nothing native to release.
    }
}
