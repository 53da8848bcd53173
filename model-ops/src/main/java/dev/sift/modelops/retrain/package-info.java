/**
 * Retraining that ships itself: {@link dev.sift.modelops.retrain.RetrainingRun} retrains the heads on the static labels
 * plus the feedback data set of {@link dev.sift.modelops.learning} (a new output for each teacher intent with enough
 * examples, {@link dev.sift.modelops.retrain.IntentOutputs}), optimizes through the accuracy-gated search, judges the
 * result against the live release on the held-out feedback ({@link dev.sift.modelops.retrain.BetterThanLive}) and
 * publishes it when it is better. {@link dev.sift.modelops.retrain.RetrainingTriggers} starts runs between the
 * scheduled ones when enough labels arrived or the teacher disagrees with the model too often
 * ({@link dev.sift.modelops.retrain.TriggerPolicy}). Head training is called in one place,
 * {@link dev.sift.modelops.retrain.HeadRetraining}.
 */
package dev.sift.modelops.retrain;
