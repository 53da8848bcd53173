package dev.sift.schema.acl;

import java.util.Objects;

/**
 * A Kafka principal in a Sift role. One principal may hold several roles (e.g. the gateway's principal also holds
 * {@link SiftRole#OPS_API} while the ops API writes with the gateway's Kafka credentials).
 *
 * @param role the role
 * @param principal the principal as Kafka names it, e.g. {@code User:gateway}
 */
public record RoleGrant(SiftRole role, String principal) {

    /** Validates the principal's {@code Type:name} form. */
    public RoleGrant {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(principal, "principal");
        int colon = principal.indexOf(':');
        if (colon <= 0 || colon == principal.length() - 1) {
            throw new IllegalArgumentException("a principal is Type:name, e.g. User:gateway; got '" + principal + "'");
        }
    }
}
