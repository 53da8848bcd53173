/**
 * Who may use the gateway's ops API: {@link dev.sift.gateway.ops.OpsCredentials} ({@code sift.ops.*}) are the ops and
 * read tokens, handed to the shared access rule by {@link dev.sift.gateway.ops.OpsAccess}.
 *
 * <p>Not here: the API's features, each in its own package: policies ({@link dev.sift.gateway.policy}), what-if
 * questions ({@link dev.sift.gateway.whatif}), the dashboard ({@link dev.sift.gateway.dashboard}) and the model
 * ({@link dev.sift.gateway.release}); the access rule itself ({@code dev.sift.http.auth}).
 */
package dev.sift.gateway.ops;
