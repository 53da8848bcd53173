/**
 * The model the gateway scores with: {@link dev.sift.gateway.classify.LiveModel} holds the serving classifier and swaps
 * it while the stream runs; every inference holds a lease on the model it started with, and a replaced model is closed
 * only after its last lease is released. {@link dev.sift.gateway.classify.ModelLoader} opens and verifies a bundle
 * (directory or archive) and loads its classifier with the threads of {@link dev.sift.gateway.classify.ModelConfig}
 * ({@code sift.model.*}).
 *
 * <p>The classifier itself is classifier-runtime's ({@code dev.sift.classifier}); which model to swap in, and when, is
 * {@link dev.sift.gateway.release}; scoring snippets in batches is {@code dev.sift.gateway.topology.ScoreSnippets}.
 */
package dev.sift.gateway.classify;
