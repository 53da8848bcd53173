package dev.sift.classifier;

import java.util.concurrent.atomic.LongAdder;

/** Counters of a classifier's work, safe to read from metrics threads. */
public final class ClassifierStats {

    private final LongAdder snippets = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder inferenceNanos = new LongAdder();

    /**
     * Records one call.
     *
     * @param snippetCount snippets scored
     * @param truncatedCount of which truncated
     * @param nanos time spent
     */
    public void record(int snippetCount, int truncatedCount, long nanos) {
        snippets.add(snippetCount);
        truncated.add(truncatedCount);
        calls.increment();
        inferenceNanos.add(nanos);
    }

    /** @return snippets scored */
    public long snippets() {
        return snippets.sum();
    }

    /** @return snippets cut to the model's max tokens */
    public long truncated() {
        return truncated.sum();
    }

    /** @return classify calls */
    public long calls() {
        return calls.sum();
    }

    /** @return total time in classify calls, nanoseconds */
    public long inferenceNanos() {
        return inferenceNanos.sum();
    }
}
