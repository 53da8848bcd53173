/**
 * Shipping a bundle to the gateways: {@link dev.sift.modelops.publish.ReleasePublisher} stores the archive in the
 * {@link dev.sift.modelops.publish.ModelStore} (written once, served over HTTP), signs a {@code ModelRelease} with
 * Ed25519 over its signed form and sends it to the compacted releases topic with a sequence above every release
 * model-ops signed before, as read by {@link dev.sift.modelops.publish.ReleaseLog}, which ignores releases not signed
 * by model-ops' own keys. {@link dev.sift.modelops.publish.SigningKeys} generates, writes and reads the key pair and
 * signs.
 *
 * <p>Deciding whether a model is worth publishing is the caller's ({@code dev.sift.modelops.optimize},
 * {@code dev.sift.modelops.retrain}); the signed form is {@code dev.sift.schema.release}, their verification
 * {@code dev.sift.classifier.bundle.BundleSignatures}; taking a release live is the gateway's
 * ({@code dev.sift.gateway.release}).
 */
package dev.sift.modelops.publish;
