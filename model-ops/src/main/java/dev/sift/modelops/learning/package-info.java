/**
 * The training set of Sift's learning loop, built from the stream: the labels of {@code sift.feedback} joined with the
 * snippet texts of the forwarded ({@code sift.llm-requests}) and audit ({@code sift.audit-requests}) requests, kept as
 * versioned data sets in the model store.
 *
 * <p>The pieces: {@link dev.sift.modelops.learning.FeedbackValidator} and
 * {@link dev.sift.modelops.learning.RequestValidator} bound and check each record (the feedback topic is one platforms
 * may write), refusing with a {@link dev.sift.modelops.learning.RefusalReason}; the labeler's confidences, checked by
 * {@link dev.sift.modelops.learning.FeedbackConfidences}, travel with the label into the examples, so fine-tuning can
 * learn from them as soft targets;
 * {@link dev.sift.modelops.learning.LabelJoin} joins labels and texts by snippet id whichever comes first, settling
 * conflicts by {@link dev.sift.modelops.learning.LabelPrecedence}; {@link dev.sift.modelops.learning.HeldOutSlice}
 * holds out the newest labels; {@link dev.sift.modelops.learning.DatasetVersion} and
 * {@link dev.sift.modelops.learning.DatasetStore} make and keep content-addressed versions;
 * {@link dev.sift.modelops.learning.LabelCollector} reads the topics incrementally and keeps the state between reads,
 * counting the teacher's {@link dev.sift.modelops.learning.Disagreement} with the model for the drift trigger.
 * Retraining on these data sets is {@link dev.sift.modelops.retrain}.
 */
package dev.sift.modelops.learning;
