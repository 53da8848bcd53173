package dev.sift.schema.topic;

import java.util.Objects;

/**
 * Names of Sift's topics; every application reads them from its configuration.
 *
 * @param snippets conversation snippets from the platforms
 * @param decisions one filter decision per snippet
 * @param llmRequests snippets forwarded to the LLM
 * @param deadLetters records the gateway could not read or process, with the reason in headers
 * @param releases model releases (compacted)
 * @param policies filter policies (compacted)
 * @param policyAudit every policy change with who, when, old and new value
 * @param feedback labeled feedback on snippets (true intents), for what-if precision and recall
 */
public record TopicNames(String snippets, String decisions, String llmRequests, String deadLetters,
        String releases, String policies, String policyAudit, String feedback) {

    /** Validates that no name is blank. */
    public TopicNames {
        for (String name : new String[] {snippets, decisions, llmRequests, deadLetters, releases, policies,
                policyAudit, feedback}) {
            if (Objects.requireNonNull(name, "topic name").isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank");
            }
        }
    }

    /**
     * The default names, all prefixed {@code sift.}.
     *
     * @return default topic names
     */
    public static TopicNames defaults() {
        return new TopicNames("sift.snippets", "sift.decisions", "sift.llm-requests", "sift.dead-letters",
                "sift.model-releases", "sift.filter-policies", "sift.policy-audit", "sift.feedback");
    }
}
