package dev.sift.http.auth.testing;

/** What a route needs, or what a credential holds: nothing, the read credential, or the ops credential. */
public enum Level {
    /** Open to anyone (health for orchestrators, signed bundle downloads). */
    OPEN,
    /** The read token, or the ops token. */
    READ,
    /** The ops token. */
    OPS;

    /**
     * @param needed what a route needs
     * @return whether this is enough for it
     */
    public boolean satisfies(Level needed) {
        return compareTo(needed) >= 0;
    }
}
