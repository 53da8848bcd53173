package dev.sift.modelops.onnx;

/** How token states become one sentence vector. */
public enum Pooling {
    /** Average of the token states under the attention mask (sentence-transformers' MiniLM). */
    MEAN,
    /** The state of the first token, {@code [CLS]} (BGE). */
    CLS
}
