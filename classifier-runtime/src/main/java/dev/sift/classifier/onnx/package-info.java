/**
 * The classifier over ONNX Runtime: {@link dev.sift.classifier.onnx.OnnxClassifier} opens a verified bundle, checks
 * that its graph has the outputs the manifest names with a probe inference, and reads calibrated probabilities
 * straight from the graph's outputs (pooling, heads and calibration are fused into the graph by model-ops, so no
 * math happens in Java). {@link dev.sift.classifier.onnx.OnnxModel} owns the session and closes it only after its
 * running calls; {@link dev.sift.classifier.onnx.TextBatchRunner} runs texts in length-sorted batches padded to
 * their own longest member; {@link dev.sift.classifier.onnx.InferenceSettings} and
 * {@link dev.sift.classifier.onnx.GraphOptimization} say how the CPU is used.
 *
 * <p>Reading and rewriting graphs is model-ops' ({@code dev.sift.modelops.onnx}); this package only runs them.
 */
package dev.sift.classifier.onnx;
