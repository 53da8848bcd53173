/**
 * The model lifecycle on a gateway: the model it scores with, and taking model releases live while it runs.
 *
 * <p>{@link dev.sift.gateway.release.LiveModel} holds the serving classifier and swaps it while the stream runs; every
 * inference holds a lease on the model it started with, and a replaced model is closed only after its last lease is
 * released. {@link dev.sift.gateway.release.ModelLoader} opens and verifies a configured bundle (directory or archive)
 * and loads its classifier with the threads of {@link dev.sift.gateway.release.ModelConfig} ({@code sift.model.*}).
 *
 * <p>{@link dev.sift.gateway.release.ReleaseFollower} puts together one
 * part per job: {@link dev.sift.gateway.release.ReleaseTopicReader} is the thread that reads the compacted releases
 * topic on every instance (no consumer group); {@link dev.sift.gateway.release.ReleaseSelection} picks the releases
 * worth preparing, newest first: checked without any I/O by {@link dev.sift.gateway.release.ReleaseAuthenticator}
 * (plain version, signature by a key of {@link dev.sift.gateway.release.TrustedKeys} over the signed form, size cap, a
 * URI inside the {@link dev.sift.gateway.release.StoreLocations}) and above the sequence floor;
 * {@link dev.sift.gateway.release.ReleaseInstaller} then fetches the archive
 * ({@link dev.sift.gateway.release.BundleFetcher}: signed size and SHA-256, no redirect, no partial file), unpacks,
 * verifies, loads, checks the labels against the policies in force, runs the canary and warms the model up, off the
 * stream's path; {@link dev.sift.gateway.release.LiveSwap} swaps it into {@code dev.sift.gateway.release.LiveModel},
 * or {@link dev.sift.gateway.release.ShadowRun} first tries it in shadow
 * ({@link dev.sift.gateway.release.ShadowModel}); {@link dev.sift.gateway.release.ReleaseRollback} goes back to the
 * previous model ({@link dev.sift.gateway.release.KnownReleases} or the configured bundle) on an operator's request;
 * {@link dev.sift.gateway.release.ReleaseRefusals} records each refusal.
 *
 * <p>{@link dev.sift.gateway.release.SequenceFloor} keeps the highest sequence accepted across restarts, so only an
 * operator can go back ({@link dev.sift.gateway.release.ModelController}: {@code /model} and its rollback);
 * {@link dev.sift.gateway.release.InitialModel} is the model a gateway starts with; a refusal is a
 * {@link dev.sift.gateway.release.ReleaseRejectedException} with its {@link dev.sift.gateway.release.RejectionReason},
 * recorded in {@link dev.sift.gateway.release.ModelHistory}; {@link dev.sift.gateway.release.ReleaseConfig} is
 * {@code sift.releases.*}.
 *
 * <p>Not here: the classifier itself (classifier-runtime's {@code dev.sift.classifier}), scoring snippets in batches
 * ({@code dev.sift.gateway.topology.BatchScorer}), signing and publishing releases (model-ops,
 * {@code dev.sift.modelops.publish}), the signed form ({@code dev.sift.schema.release}) and the signature and bundle
 * checks ({@code dev.sift.classifier.bundle}).
 */
package dev.sift.gateway.release;
