package dev.sift.schema.topic;

import java.util.Locale;

/**
 * What each of Sift's topics is for, with its configuration key ({@code sift.topics.<key>}) and default name. A new
 * topic is one constant here and one typed declaration in {@link Topics}.
 */
public enum TopicRole {

    /** Conversation snippets from the platforms, keyed by conversation id. */
    SNIPPETS("snippets", "sift.snippets"),
    /** One filter decision per snippet, keyed by conversation id. */
    DECISIONS("decisions", "sift.decisions"),
    /** Snippets forwarded to the LLM, keyed by conversation id. */
    LLM_REQUESTS("llm-requests", "sift.llm-requests"),
    /** Dropped snippets sampled for the teacher to label (never acted on), keyed by conversation id. */
    AUDIT_REQUESTS("audit-requests", "sift.audit-requests"),
    /** Snippet records the gateway could not read or process, raw, with the reason in headers. */
    DEAD_LETTERS("dead-letters", "sift.dead-letters"),
    /** Model releases, keyed by version (compacted). */
    RELEASES("releases", "sift.model-releases"),
    /** Filter policies, keyed by policy id (compacted). */
    POLICIES("policies", "sift.filter-policies"),
    /** Every policy change with who, when, old and new value. */
    POLICY_AUDIT("policy-audit", "sift.policy-audit"),
    /** Labels of snippets (human, LLM teacher or rule), keyed by snippet id. */
    FEEDBACK("feedback", "sift.feedback"),
    /** Label requests the teacher could not answer, raw, with the reason in headers. */
    LABEL_DEAD_LETTERS("label-dead-letters", "sift.label-dead-letters");

    private final String key;
    private final String defaultName;

    TopicRole(String key, String defaultName) {
        this.key = key;
        this.defaultName = defaultName;
    }

    /** @return the configuration key under {@code sift.topics.}, e.g. {@code llm-requests} */
    public String key() {
        return key;
    }

    /** @return the topic's name when none is configured */
    public String defaultName() {
        return defaultName;
    }

    /**
     * @param key a configuration key, e.g. {@code llm-requests}
     * @return its role
     * @throws IllegalArgumentException naming the known keys when there is none
     */
    public static TopicRole ofKey(String key) {
        for (TopicRole role : values()) {
            if (role.key.equals(key.toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown topic sift.topics." + key + "; known: "
                + java.util.Arrays.stream(values()).map(TopicRole::key).toList());
    }
}
