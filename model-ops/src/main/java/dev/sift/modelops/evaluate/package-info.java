/**
 * Measuring a model: {@link dev.sift.modelops.evaluate.Evaluator} runs a real bundle through the classifier runtime on
 * a data set's test split and measures intent accuracy and micro-F1, calibration error, the relevance curve and the
 * threshold that keeps 95% of the relevant validation snippets, using the formulas of
 * {@link dev.sift.modelops.evaluate.Metrics}; {@link dev.sift.modelops.evaluate.EvaluationReport} is what it writes as
 * JSON, and {@link dev.sift.modelops.evaluate.Charts} draws the PNG charts (shared by the other reports).
 *
 * <p>Not here: training the heads ({@link dev.sift.modelops.train}), the accuracy gate of optimization and its one
 * number ({@code dev.sift.modelops.optimize.MainMetric}), and judging a retrained model against the live release
 * ({@code dev.sift.modelops.retrain.BetterThanLive}).
 */
package dev.sift.modelops.evaluate;
