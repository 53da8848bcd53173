/**
 * Labeled data sets read from files: {@link dev.sift.modelops.dataset.DatasetReaders} reads Sift's own JSONL and CSV,
 * CLINC150, NLU++ and the airline-sentiment tweets into a {@link dev.sift.modelops.dataset.Dataset} of
 * {@link dev.sift.modelops.dataset.LabeledSnippet}s with the standard splits of each format;
 * {@link dev.sift.modelops.dataset.HeldOut} sets aside what judges a model;
 * {@link dev.sift.modelops.dataset.StratifiedSplit} holds out a seeded share stratified by label (what fine-tuning
 * validates on when a data set has no validation split); {@link dev.sift.modelops.dataset.Polarities} is the
 * reputation classes' order. An example may carry its labeler's confidence per label, bounded and checked by
 * {@link dev.sift.modelops.dataset.LabelConfidences}: soft targets for distillation.
 *
 * <p>Dialogues with context: {@link dev.sift.modelops.dataset.SgdReader} reads Schema-Guided Dialogue user turns into
 * a {@link dev.sift.modelops.dataset.DialogueDataset} of {@link dev.sift.modelops.dataset.DialogueTurn}s, each with its
 * dialogue's whole earlier history; Sift's JSONL carries an example's earlier turns in {@code context}. Turns are
 * classifier-runtime's {@link dev.sift.classifier.context.SpokenTurn}s, their roles read by
 * {@link dev.sift.classifier.context.TurnRole#of} (the one place role names are read), bounded by
 * {@link dev.sift.modelops.dataset.ContextLimits}.
 *
 * <p>The data sets built from the stream (the teacher's labels joined with the snippet texts) are
 * {@code dev.sift.modelops.learning}'s, not this package's.
 */
package dev.sift.modelops.dataset;
