/**
 * The classifier alone, under JMH: {@link dev.sift.benchmarks.classifier.ClassifierBenchmark} measures the latency of
 * one snippet and the throughput of batches for each model variant, input length and ONNX Runtime thread count;
 * {@link dev.sift.benchmarks.classifier.ClassifierReport} writes the results as Markdown and JSON.
 *
 * <p>What the classifier costs inside a running gateway is {@link dev.sift.benchmarks.pipeline}.
 */
package dev.sift.benchmarks.classifier;
