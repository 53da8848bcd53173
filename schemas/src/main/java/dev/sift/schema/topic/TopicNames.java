package dev.sift.schema.topic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Names of Sift's topics, one per {@link TopicRole}; every application reads them from its {@code sift.topics.*}
 * configuration ({@link #from(Map)}), so a topic's configuration key and default exist once. Immutable.
 */
public final class TopicNames {

    private final Map<TopicRole, String> names;

    private TopicNames(Map<TopicRole, String> names) {
        EnumMap<TopicRole, String> copy = new EnumMap<>(TopicRole.class);
        for (TopicRole role : TopicRole.values()) {
            String name = Objects.requireNonNull(names.get(role), () -> "no name for topic " + role.key());
            if (name.isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank: sift.topics." + role.key());
            }
            copy.put(role, name);
        }
        this.names = Collections.unmodifiableMap(copy);
    }

    /**
     * The default names, all prefixed {@code sift.}.
     *
     * @return default topic names
     */
    public static TopicNames defaults() {
        EnumMap<TopicRole, String> names = new EnumMap<>(TopicRole.class);
        for (TopicRole role : TopicRole.values()) {
            names.put(role, role.defaultName());
        }
        return new TopicNames(names);
    }

    /**
     * The names configured under {@code sift.topics.*}, the defaults for the rest.
     *
     * @param configured topic names by configuration key ({@code snippets}, {@code llm-requests}, ...); other keys of
     *     the section that are not topic names (e.g. {@code partitions}) are ignored
     * @return the names
     */
    public static TopicNames from(Map<String, ?> configured) {
        TopicNames names = defaults();
        for (TopicRole role : TopicRole.values()) {
            Object value = configured.get(role.key());
            if (value != null) {
                names = names.with(role, value.toString());
            }
        }
        return names;
    }

    /**
     * @param role a topic
     * @param name its new name
     * @return these names with that one replaced
     */
    public TopicNames with(TopicRole role, String name) {
        EnumMap<TopicRole, String> copy = new EnumMap<>(names);
        copy.put(role, name);
        return new TopicNames(copy);
    }

    /**
     * @param prefix a prefix isolating one deployment's (or one test's) topics
     * @return every name prefixed with {@code prefix.}
     */
    public TopicNames prefixed(String prefix) {
        EnumMap<TopicRole, String> copy = new EnumMap<>(TopicRole.class);
        names.forEach((role, name) -> copy.put(role, prefix + "." + name));
        return new TopicNames(copy);
    }

    /**
     * @param role a topic
     * @return its name
     */
    public String name(TopicRole role) {
        return names.get(role);
    }

    /** @return every name by configuration key, as {@code sift.topics.*} would hold them */
    public Map<String, String> asProperties() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        names.forEach((role, name) -> out.put(role.key(), name));
        return out;
    }

    /** @return conversation snippets from the platforms */
    public String snippets() {
        return name(TopicRole.SNIPPETS);
    }

    /** @return one filter decision per snippet */
    public String decisions() {
        return name(TopicRole.DECISIONS);
    }

    /** @return snippets forwarded to the LLM */
    public String llmRequests() {
        return name(TopicRole.LLM_REQUESTS);
    }

    /** @return dropped snippets sampled for the teacher */
    public String auditRequests() {
        return name(TopicRole.AUDIT_REQUESTS);
    }

    /** @return records the gateway could not read or process */
    public String deadLetters() {
        return name(TopicRole.DEAD_LETTERS);
    }

    /** @return model releases (compacted) */
    public String releases() {
        return name(TopicRole.RELEASES);
    }

    /** @return filter policies (compacted) */
    public String policies() {
        return name(TopicRole.POLICIES);
    }

    /** @return every policy change */
    public String policyAudit() {
        return name(TopicRole.POLICY_AUDIT);
    }

    /** @return labels of snippets */
    public String feedback() {
        return name(TopicRole.FEEDBACK);
    }

    /** @return label requests the teacher could not answer */
    public String labelDeadLetters() {
        return name(TopicRole.LABEL_DEAD_LETTERS);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicNames that && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "TopicNames" + asProperties();
    }
}
