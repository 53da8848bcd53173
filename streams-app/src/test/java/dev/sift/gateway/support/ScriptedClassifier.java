package dev.sift.gateway.support;

import dev.sift.classifier.Classification;
import dev.sift.classifier.ClassificationException;
import dev.sift.classifier.ClassifierStats;
import dev.sift.classifier.ModelInfo;
import dev.sift.classifier.SnippetClassifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic test double (tests only): scores come from keywords in the text, so topology and policy
 * specifications can state exactly which score a snippet gets. Text {@code "complaint=0.91"} gives complaint 0.91;
 * {@code "negative=0.9"} gives that reputation; everything else scores 0.05. A call with a text containing
 * {@code "fail-inference"} fails as an ONNX Runtime error would.
 */
public final class ScriptedClassifier implements SnippetClassifier {

    /** Intents of the double. */
    public static final List<String> INTENTS = List.of("complaint", "cancellation_risk", "refund_request",
            "praise", "human_agent_request");
    private static final List<String> POLARITIES = List.of("negative", "neutral", "positive");

    private final String version;
    private final ClassifierStats stats = new ClassifierStats();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;

    /**
     * @param version model version to report
     */
    public ScriptedClassifier(String version) {
        this.version = version;
    }

    /**
     * @param millis time each classify call takes
     * @return this
     */
    public ScriptedClassifier withDelay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** @return how many texts each classify call had, in call order */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo(version, "scripted", INTENTS, POLARITIES, 128, "fp32");
    }

    @Override
    public List<Classification> classify(List<String> texts) {
        if (closed.get()) {
            throw new IllegalStateException("classifier " + version + " used after close");
        }
        inFlight.incrementAndGet();
        batchSizes.add(texts.size());
        try {
            if (texts.stream().anyMatch(text -> text.contains("fail-inference"))) {
                throw new ClassificationException("inference failed for " + texts.size() + " snippets",
                        new IllegalStateException("scripted failure"));
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            List<Classification> out = new ArrayList<>();
            for (String text : texts) {
                Map<String, Float> scripted = parse(text);
                float[] intents = new float[INTENTS.size()];
                for (int i = 0; i < intents.length; i++) {
                    intents[i] = scripted.getOrDefault(INTENTS.get(i), 0.05f);
                }
                float negative = scripted.getOrDefault("negative", 0.1f);
                float positive = scripted.getOrDefault("positive", 0.1f);
                float[] reputation = {negative, Math.max(0f, 1f - negative - positive), positive};
                out.add(new Classification(INTENTS, intents, POLARITIES, reputation,
                        text.split("\\s+").length + 2, false));
            }
            stats.record(texts.size(), 0, 0);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    static Map<String, Float> parse(String text) {
        Map<String, Float> scores = new LinkedHashMap<>();
        for (String token : text.toLowerCase(Locale.ROOT).split("[\\s,]+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                try {
                    scores.put(token.substring(0, eq), Float.parseFloat(token.substring(eq + 1)));
                } catch (NumberFormatException ignored) {
                    // Not a scripted score: ordinary text.
                }
            }
        }
        return scores;
    }

    @Override
    public ClassifierStats stats() {
        return stats;
    }

    /** @return whether close was called */
    public boolean isClosed() {
        return closed.get();
    }

    /** @return classify calls running now */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        if (inFlight.get() > 0) {
            throw new IllegalStateException("closed while " + inFlight.get() + " inferences were running");
        }
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("closed twice");
        }
    }
}
