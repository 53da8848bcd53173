/**
 * The model bundle, the unit a model travels in between model-ops and the gateways:
 * {@link dev.sift.classifier.bundle.ModelBundle} is a directory whose {@code manifest.json}
 * ({@link dev.sift.classifier.bundle.BundleManifest}) and SHA-256 of every file have been verified (any problem is an
 * {@link dev.sift.classifier.bundle.InvalidBundleException} naming the file or field), and
 * {@link dev.sift.classifier.bundle.BundleArchive} is its single-file form, unpacked without escaping its target.
 * This is the read and verify side, which the gateway ships; writing, packing, signing and recording the canary are
 * model-ops' ({@code dev.sift.modelops.bundle}, {@code dev.sift.modelops.publish}).
 *
 * <p>What makes a bundle safe to take from a topic lives here too, because both sides need it: the plain
 * {@link dev.sift.classifier.bundle.BundleVersion} names it may have,
 * {@link dev.sift.classifier.bundle.BundleSignatures} (verifying Ed25519 over a release's signed form, which is
 * {@code dev.sift.schema.release.ReleaseSignedForm}), and the {@link dev.sift.classifier.bundle.GoldenSet} canary a
 * gateway runs before taking a bundle live.
 *
 * <p>Not here: building bundles ({@code dev.sift.modelops.bundle}), publishing them
 * ({@code dev.sift.modelops.publish}), and a gateway's fetching and installing of releases
 * ({@code dev.sift.gateway.release}).
 */
package dev.sift.classifier.bundle;
