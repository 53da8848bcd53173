package dev.sift.classifier.onnx;

import ai.onnxruntime.OrtSession;

/** How much ONNX Runtime rewrites a graph when it loads it (its graph optimization levels). */
public enum GraphOptimization {
    /** None: the graph runs as written. */
    NONE(OrtSession.SessionOptions.OptLevel.NO_OPT),
    /** Constant folding and redundant node removal. */
    BASIC(OrtSession.SessionOptions.OptLevel.BASIC_OPT),
    /** Also node fusions (attention, layer norm, GELU). */
    EXTENDED(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT),
    /** Also layout optimizations. */
    ALL(OrtSession.SessionOptions.OptLevel.ALL_OPT);

    private final OrtSession.SessionOptions.OptLevel level;

    GraphOptimization(OrtSession.SessionOptions.OptLevel level) {
        this.level = level;
    }

    /** @return ONNX Runtime's level */
    public OrtSession.SessionOptions.OptLevel ortLevel() {
        return level;
    }
}
