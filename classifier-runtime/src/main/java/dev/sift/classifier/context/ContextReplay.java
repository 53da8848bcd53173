package dev.sift.classifier.context;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores turns offline from the texts said before them in their thread, exactly as a gateway that saw those turns
 * pass would: each earlier turn is embedded by the same model, alone, and folded into a {@link ThreadMemory} in
 * order. For a model that judges each turn alone the earlier turns are not even embedded.
 *
 * <p>Embeddings are cached by text (a turn's embedding does not depend on its context), bounded (by default to
 * {@link #CACHED_TEXTS} texts), so evaluating a data set embeds each distinct text about once. Not thread-safe.
 */
public final class ContextReplay {

    /** Most texts whose embeddings are kept between calls. */
    public static final int CACHED_TEXTS = 50_000;

    /**
     * A turn to score and the turns before it in its thread.
     *
     * @param text the turn's text
     * @param earlier the thread's earlier turns, oldest first
     */
    public record TurnInThread(String text, List<SpokenTurn> earlier) {
        /** Copies. */
        public TurnInThread {
            Objects.requireNonNull(text, "text");
            earlier = List.copyOf(earlier);
        }
    }

    private final SnippetClassifier classifier;
    private final Map<String, float[]> embeddings;

    /** @param classifier the model to score with (not owned: its owner closes it) */
    public ContextReplay(SnippetClassifier classifier) {
        this(classifier, CACHED_TEXTS);
    }

    /**
     * @param classifier the model to score with (not owned: its owner closes it)
     * @param cachedTexts most texts whose embeddings are kept between calls (a gateway keeps few: its heap is small)
     */
    public ContextReplay(SnippetClassifier classifier, int cachedTexts) {
        if (cachedTexts < 0) {
            throw new IllegalArgumentException("cachedTexts must not be negative, was " + cachedTexts);
        }
        this.classifier = classifier;
        this.embeddings = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > cachedTexts;
            }
        };
    }

    /**
     * @param turns turns with their threads' earlier turns
     * @return one classification per turn, in order
     */
    public List<Classification> classify(List<TurnInThread> turns) {
        var context = classifier.info().context();
        if (context.isEmpty()) {
            return classifier.classify(turns.stream().map(TurnInThread::text).toList());
        }
        Set<String> missing = new LinkedHashSet<>();
        for (TurnInThread turn : turns) {
            for (SpokenTurn earlier : turn.earlier()) {
                if (!embeddings.containsKey(earlier.text())) {
                    missing.add(earlier.text());
                }
            }
        }
        List<String> texts = new ArrayList<>(missing);
        List<Classification> embedded = classifier.classify(texts);
        Map<String, float[]> fresh = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            fresh.put(texts.get(i), embedded.get(i).embedding());
        }
        List<ContextualText> inputs = new ArrayList<>(turns.size());
        for (TurnInThread turn : turns) {
            ThreadMemory memory = context.get().emptyMemory();
            for (SpokenTurn earlier : turn.earlier()) {
                float[] embedding = fresh.get(earlier.text());
                memory = memory.after(earlier.role(), embedding != null ? embedding : embeddings.get(earlier.text()));
            }
            inputs.add(new ContextualText(turn.text(), memory));
        }
        embeddings.putAll(fresh);
        return classifier.classifyInContext(inputs);
    }
}
