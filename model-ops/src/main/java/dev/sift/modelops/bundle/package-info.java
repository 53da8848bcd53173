/**
 * Building model bundles: {@link dev.sift.modelops.bundle.BundleTraining} embeds labeled data with an encoder, trains
 * and calibrates the heads the data supports and has {@link dev.sift.modelops.bundle.HeadFusion} fuse them onto the
 * sentence graph (named outputs {@code intent_probs} and {@code reputation_probs}), and
 * {@link dev.sift.modelops.bundle.BundleBuilder} writes the bundle with its canary inputs and sealed manifest.
 * The write side of the bundle format is here, not in what the gateway ships:
 * {@link dev.sift.modelops.bundle.BundleWriter} seals a directory's manifest,
 * {@link dev.sift.modelops.bundle.GoldenSetRecorder} records the canary outputs and
 * {@link dev.sift.modelops.bundle.BundlePacker} packs the archive.
 * {@link dev.sift.modelops.bundle.DefaultBundle} is the reproducible default model,
 * {@link dev.sift.modelops.bundle.TrainedBundles} caches bundles trained on a data set by version,
 * {@link dev.sift.modelops.bundle.LogitsImport} turns a classifier that ends in logits into a bundle, and
 * {@link dev.sift.modelops.bundle.SiftHome} is where the caches live.
 *
 * <p>The bundle format itself, and its reading and verification, are the runtime's ({@code dev.sift.classifier.bundle}); making a
 * bundle smaller is {@code dev.sift.modelops.optimize}; shipping it is {@link dev.sift.modelops.publish}.
 */
package dev.sift.modelops.bundle;
