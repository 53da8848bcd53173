/**
 * Making a model bundle smaller and faster without retraining its encoder, and choosing how far to go.
 *
 * <ul>
 *   <li>Graph rewrites, each on the patterns of {@link dev.sift.modelops.onnx}:
 *       {@link dev.sift.modelops.optimize.DynamicQuantizer} (INT8 weight MatMuls and embedding tables),
 *       {@link dev.sift.modelops.optimize.ActivationSmoother} (activation outliers moved into the weights first),
 *       {@link dev.sift.modelops.optimize.FfnPruner} (feed-forward channels removed) and
 *       {@link dev.sift.modelops.optimize.LayerNormRewriter} (layer norms in a form ONNX Runtime runs fast).</li>
 *   <li>Measurements they rely on: {@link dev.sift.modelops.optimize.ActivationProfiler} (activation statistics on
 *       calibration snippets), {@link dev.sift.modelops.optimize.QuantizationSensitivity} (which MatMuls INT8
 *       hurts most), {@link dev.sift.modelops.optimize.LatencyMeter} and
 *       {@link dev.sift.modelops.optimize.MainMetric}.</li>
 *   <li>{@link dev.sift.modelops.optimize.OptimizationSearch}: builds the candidates, judges them against the FP32
 *       bundle and picks one within the allowed accuracy drop; {@link dev.sift.modelops.optimize.Int8Bundle}: the
 *       plain INT8 twin of a bundle.</li>
 * </ul>
 */
package dev.sift.modelops.optimize;
