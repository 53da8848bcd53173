/**
 * The {@code benchmarks} command ({@link dev.sift.benchmarks.BenchmarkMain}): {@code classifier} runs the classifier
 * benchmark ({@link dev.sift.benchmarks.classifier}), {@code pipeline} the end-to-end one ({@code PipelineCommand},
 * {@link dev.sift.benchmarks.pipeline}), {@code dialogues} replays whole dialogues through a gateway and compares its
 * context-aware decisions with the offline evaluation ({@code DialoguesCommand}, {@link dev.sift.benchmarks.dialogue}). {@link dev.sift.benchmarks.BenchmarkModels} builds the model variants both
 * compare, with model-ops' own training, and {@link dev.sift.benchmarks.Machine} records what the run ran on.
 *
 * <p>Benchmarks measure the product and change nothing in it; measurements of model-ops' own training are
 * {@code dev.sift.modelops.benchmark}.
 */
package dev.sift.benchmarks;
