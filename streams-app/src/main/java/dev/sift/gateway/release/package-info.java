/**
 * Taking model releases live on a running gateway. {@link dev.sift.gateway.release.ReleaseFollower} reads the compacted
 * releases topic on every instance (no consumer group) and takes each newer release live;
 * {@link dev.sift.gateway.release.ReleaseAuthenticator} checks it without any I/O (plain version, signature by a key of
 * {@link dev.sift.gateway.release.TrustedKeys} over the signed form, size cap, a URI inside the
 * {@link dev.sift.gateway.release.StoreLocations}); {@link dev.sift.gateway.release.ReleaseInstaller} then fetches the
 * archive ({@link dev.sift.gateway.release.BundleFetcher}: signed size and SHA-256, no redirect, no partial file),
 * unpacks, verifies, loads, checks the labels against the policies in force, runs the canary and warms the model up,
 * off the stream's path; the follower swaps it into {@code dev.sift.gateway.classify.LiveModel}, or first tries it in
 * shadow ({@link dev.sift.gateway.release.ShadowModel}).
 *
 * <p>{@link dev.sift.gateway.release.SequenceFloor} keeps the highest sequence accepted across restarts, so only an
 * operator can go back ({@link dev.sift.gateway.release.ModelController}: {@code /model} and its rollback);
 * {@link dev.sift.gateway.release.InitialModel} is the model a gateway starts with; a refusal is a
 * {@link dev.sift.gateway.release.ReleaseRejectedException} with its {@link dev.sift.gateway.release.RejectionReason},
 * recorded in {@link dev.sift.gateway.release.ModelHistory}; {@link dev.sift.gateway.release.ReleaseConfig} is
 * {@code sift.releases.*}.
 *
 * <p>Not here: signing and publishing releases (model-ops, {@code dev.sift.modelops.publish}), the signed form
 * ({@code dev.sift.schema.release}) and the signatures and bundle checks ({@code dev.sift.classifier.bundle}).
 */
package dev.sift.gateway.release;
