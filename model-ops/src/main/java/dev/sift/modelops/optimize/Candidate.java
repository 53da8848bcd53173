package dev.sift.modelops.optimize;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.sift.classifier.bundle.ModelBundle;

/**
 * One point of the search: a pruning level and a precision plan, built, measured and judged.
 *
 * @param id short name, e.g. {@code prune20-int8-keep2}
 * @param pruneRatio share of feed-forward channels removed
 * @param precision {@code fp32}, {@code int8} or {@code mixed}
 * @param keptFp32 weight MatMuls left in FP32
 * @param smoothing activation-smoothing strength α before quantization (0 = none)
 * @param metric the main metric on the held-out set, in [0, 1]
 * @param drop points lost against the FP32 reference (positive = worse)
 * @param sizeBytes bundle size on disk
 * @param latencyMillis median latency of one 32-token snippet, 1 thread
 * @param speedup FP32 latency divided by this one
 * @param passed whether the drop is within the gate
 * @param reference whether this row is only measured, never chosen (the FP32 reference, comparisons)
 * @param bundle the built bundle
 */
public record Candidate(String id, double pruneRatio, String precision, int keptFp32, double smoothing, double metric, double drop,
        long sizeBytes, double latencyMillis, double speedup, boolean passed, boolean reference,
        @JsonIgnore ModelBundle bundle) {

    /** @return the bundle version */
    public String version() {
        return bundle.version();
    }
}
