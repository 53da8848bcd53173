package dev.sift.http.auth;

import io.micronaut.security.rules.SecurityRule;

/**
 * The marks a route's method carries, as {@code @Secured(Access.READ)}: the only way a route is served at all. A
 * method without a mark is refused to everyone, ops included.
 */
public final class Access {

    /** Open to anyone, without credentials: only what orchestrators and gateways need (health, signed bundles). */
    public static final String OPEN = SecurityRule.IS_ANONYMOUS;

    /** Tenant data and what is computed from it: the read token, or the ops token. */
    public static final String READ = "sift:read";

    /** Changes, and work a caller can start: the ops token only. */
    public static final String OPS = "sift:ops";

    private Access() {
    }
}
