package dev.sift.classifier.onnx;

/**
 * How a classifier uses the CPU.
 *
 * <p>Defaults suit a 2-core gateway: one intra-op thread per calling thread (two threads per call were often slower
 * when anything else ran), no spinning (idle ONNX Runtime threads would otherwise burn a core), batches of at most
 * 32 snippets.
 *
 * @param intraOpThreads ONNX Runtime threads per inference call
 * @param maxBatchSize most snippets run in one inference call; larger requests are split
 * @param allowSpinning whether idle ONNX Runtime threads spin (lower latency, a busy core)
 * @param optimization ONNX Runtime's graph optimizations at load time
 */
public record InferenceSettings(int intraOpThreads, int maxBatchSize, boolean allowSpinning,
        GraphOptimization optimization) {

    /** Validates the settings. */
    public InferenceSettings {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, got " + intraOpThreads);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        if (optimization == null) {
            optimization = GraphOptimization.ALL;
        }
    }

    /** @return the defaults for a 2-core gateway */
    public static InferenceSettings defaults() {
        return new InferenceSettings(1, 32, false, GraphOptimization.ALL);
    }

    /**
     * @param threads intra-op threads
     * @return a copy with that many threads
     */
    public InferenceSettings withIntraOpThreads(int threads) {
        return new InferenceSettings(threads, maxBatchSize, allowSpinning, optimization);
    }

    /**
     * @param size most snippets per inference call
     * @return a copy with that batch size
     */
    public InferenceSettings withMaxBatchSize(int size) {
        return new InferenceSettings(intraOpThreads, size, allowSpinning, optimization);
    }
}
