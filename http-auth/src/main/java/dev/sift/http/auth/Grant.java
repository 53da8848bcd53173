package dev.sift.http.auth;

import java.util.List;

/** What a valid credential is granted. */
public enum Grant {
    /** The read token: reads. */
    READ(List.of(Access.READ)),
    /** The ops token: reads and changes. */
    OPS(List.of(Access.READ, Access.OPS));

    private final List<String> roles;

    Grant(List<String> roles) {
        this.roles = roles;
    }

    /** @return the Micronaut Security roles of this grant, matched against {@code @Secured} marks */
    public List<String> roles() {
        return roles;
    }
}
