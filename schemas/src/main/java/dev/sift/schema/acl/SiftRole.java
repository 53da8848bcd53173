package dev.sift.schema.acl;

/** A part of a Sift deployment that talks to Kafka under its own principal. */
public enum SiftRole {

    /**
     * A conversation platform: untrusted. Writes snippets and feedback, reads the snippets forwarded to the LLM
     * (in consumer groups under the platforms' prefix); reads no snippet, decision, policy or release.
     */
    PLATFORM("platform"),
    /**
     * An edge gateway: the exactly-once Kafka Streams application (its group, transactional ids and internal
     * topics under its application id), the release follower, and the read side of its HTTP API (what-if over
     * decisions and feedback, policy history). Creates the Sift topics when they are missing.
     */
    GATEWAY("gateway"),
    /** The write side of the ops HTTP API: new policy revisions and their audit records, in one transaction. */
    OPS_API("ops-api"),
    /** The model-ops service: samples snippets to calibrate on, reads and publishes model releases. */
    MODEL_OPS("model-ops");

    private final String label;

    SiftRole(String label) {
        this.label = label;
    }

    /** @return the role's name in documentation and on the command line ({@code ops-api}) */
    public String label() {
        return label;
    }
}
