package dev.sift.gateway.config;

import dev.sift.schema.topic.TopicNames;
import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code sift.topics.*}: topic names, and whether the gateway creates missing topics at start. */
@ConfigurationProperties("sift.topics")
public class TopicsConfig {

    private final TopicNames defaults = TopicNames.defaults();
    private String snippets = defaults.snippets();
    private String decisions = defaults.decisions();
    private String llmRequests = defaults.llmRequests();
    private String deadLetters = defaults.deadLetters();
    private String releases = defaults.releases();
    private String policies = defaults.policies();
    private String policyAudit = defaults.policyAudit();
    private String feedback = defaults.feedback();
    private boolean create = true;
    private int partitions = 6;
    private short replicationFactor = 1;

    /** @return the configured names */
    public TopicNames toNames() {
        return new TopicNames(snippets, decisions, llmRequests, deadLetters, releases, policies, policyAudit, feedback);
    }

    /** @return snippets topic */
    public String getSnippets() {
        return snippets;
    }

    /** @param snippets snippets topic */
    public void setSnippets(String snippets) {
        this.snippets = snippets;
    }

    /** @return decisions topic */
    public String getDecisions() {
        return decisions;
    }

    /** @param decisions decisions topic */
    public void setDecisions(String decisions) {
        this.decisions = decisions;
    }

    /** @return LLM requests topic */
    public String getLlmRequests() {
        return llmRequests;
    }

    /** @param llmRequests LLM requests topic */
    public void setLlmRequests(String llmRequests) {
        this.llmRequests = llmRequests;
    }

    /** @return dead-letter topic */
    public String getDeadLetters() {
        return deadLetters;
    }

    /** @param deadLetters dead-letter topic */
    public void setDeadLetters(String deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** @return releases topic */
    public String getReleases() {
        return releases;
    }

    /** @param releases releases topic */
    public void setReleases(String releases) {
        this.releases = releases;
    }

    /** @return policies topic */
    public String getPolicies() {
        return policies;
    }

    /** @param policies policies topic */
    public void setPolicies(String policies) {
        this.policies = policies;
    }

    /** @return policy audit topic */
    public String getPolicyAudit() {
        return policyAudit;
    }

    /** @param policyAudit policy audit topic */
    public void setPolicyAudit(String policyAudit) {
        this.policyAudit = policyAudit;
    }

    /** @return feedback topic */
    public String getFeedback() {
        return feedback;
    }

    /** @param feedback feedback topic */
    public void setFeedback(String feedback) {
        this.feedback = feedback;
    }

    /** @return whether missing topics are created at start */
    public boolean isCreate() {
        return create;
    }

    /** @param create whether missing topics are created at start */
    public void setCreate(boolean create) {
        this.create = create;
    }

    /** @return partitions of created topics */
    public int getPartitions() {
        return partitions;
    }

    /** @param partitions partitions of created topics */
    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    /** @return replication factor of created topics */
    public short getReplicationFactor() {
        return replicationFactor;
    }

    /** @param replicationFactor replication factor of created topics */
    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }
}
