/**
 * Training calibrated linear heads on sentence embeddings: {@link dev.sift.modelops.train.HeadTrainer} walks the
 * regularization path (costs from the smallest up, each scored on held-out data, with L-BFGS each fit starting from
 * the previous one's solution), calibrates the chosen head with {@link dev.sift.modelops.train.Calibration} and folds
 * the calibration into the weights, giving a {@link dev.sift.modelops.train.LinearHead}: a softmax or one sigmoid per
 * intent ({@link dev.sift.modelops.train.IntentHead}), a softmax for reputation. Heads are fitted by L-BFGS on a
 * logistic objective, or by liblinear as the reference ({@link dev.sift.modelops.train.Solver}); the inputs are
 * {@link dev.sift.modelops.train.Examples} and {@link dev.sift.modelops.train.TrainingOptions}. A context-aware intent
 * head over [turn; context] is trained by {@link dev.sift.modelops.train.ContextHeadTrainer}, which fits it at the
 * {@link dev.sift.modelops.train.ContextScales} of the context block (0: the turn alone) and keeps the smallest scale
 * that held-out data cannot tell from the best, so the context is used only as far as it helps.
 *
 * <p>Not here: computing the embeddings ({@link dev.sift.modelops.encoder}), fusing heads into a graph
 * ({@code dev.sift.modelops.bundle.HeadFusion}), and retraining on the teacher's labels, which calls this package in
 * one place ({@code dev.sift.modelops.retrain.HeadRetraining}).
 */
package dev.sift.modelops.train;
