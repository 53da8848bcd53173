package dev.sift.schema.acl;

import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import dev.sift.schema.topic.TopicNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs of a Sift deployment: for each {@link SiftRole}, exactly what its clients do and nothing more.
 * Everything is an ALLOW on any host; a cluster whose authorizer denies what no ACL allows (Kafka's default) then
 * refuses the rest: a platform cannot write releases or policies, nor read other platforms' snippets.
 *
 * <p>docs/security.md lists the same rules; {@code sift-ops acls} prints them as {@code kafka-acls.sh} commands or
 * applies them, and the compose cluster's ACL script is generated from here.
 */
public final class SiftAcls {

    /**
     * The prefix of the ops API's transactional ids (one per gateway instance): the policy writer stores a policy and
     * its audit record in one transaction.
     */
    public static final String POLICY_WRITER_TRANSACTIONAL_ID_PREFIX = "sift-policy-writer-";

    private SiftAcls() {
    }

    /**
     * @param scope topic names, application id and platform group prefix
     * @param grants principals and their roles
     * @return every binding, without duplicates, in the order of the grants
     */
    public static List<AclBinding> bindings(AclScope scope, List<RoleGrant> grants) {
        Set<AclBinding> all = new LinkedHashSet<>();
        for (RoleGrant grant : grants) {
            all.addAll(bindings(scope, grant));
        }
        return List.copyOf(all);
    }

    /**
     * @param scope topic names, application id and platform group prefix
     * @param grant a principal in a role
     * @return the bindings that role needs
     */
    public static List<AclBinding> bindings(AclScope scope, RoleGrant grant) {
        Bindings out = new Bindings(grant.principal());
        TopicNames topics = scope.topics();
        switch (grant.role()) {
            case PLATFORM -> {
                out.topic(topics.snippets(), WRITE);
                out.topic(topics.feedback(), WRITE);
                // A platform may run the LLM side itself: it reads what to act on and what to label only.
                out.topic(topics.llmRequests(), READ);
                out.topic(topics.auditRequests(), READ);
                out.add(ResourceType.GROUP, scope.platformGroupPrefix(), PatternType.PREFIXED, READ);
            }
            case GATEWAY -> {
                out.topic(topics.snippets(), READ);
                out.topic(topics.policies(), READ);
                out.topic(topics.releases(), READ);
                out.topic(topics.decisions(), WRITE, READ);
                out.topic(topics.llmRequests(), WRITE);
                out.topic(topics.auditRequests(), WRITE);
                out.topic(topics.deadLetters(), WRITE);
                out.topic(topics.feedback(), READ);
                out.topic(topics.policyAudit(), READ);
                for (String topic : topicNames(topics)) {
                    out.topic(topic, CREATE);
                }
                // Kafka Streams' changelog and repartition topics, its consumer group, its transactional ids.
                String prefix = scope.gatewayInternalPrefix();
                out.add(ResourceType.TOPIC, prefix, PatternType.PREFIXED, ALL);
                out.add(ResourceType.GROUP, scope.gatewayApplicationId(), PatternType.LITERAL, READ);
                out.add(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, WRITE);
            }
            case OPS_API -> {
                out.topic(topics.policies(), WRITE);
                out.topic(topics.policyAudit(), WRITE);
                out.add(ResourceType.TRANSACTIONAL_ID, POLICY_WRITER_TRANSACTIONAL_ID_PREFIX, PatternType.PREFIXED,
                        WRITE);
            }
            case MODEL_OPS -> {
                out.topic(topics.snippets(), READ);
                out.topic(topics.releases(), READ, WRITE);
                // The labeler (teacher) and the training set: requests and their labels in, labels out.
                out.topic(topics.llmRequests(), READ);
                out.topic(topics.auditRequests(), READ);
                out.topic(topics.feedback(), READ, WRITE);
                out.topic(topics.labelDeadLetters(), WRITE);
                out.add(ResourceType.GROUP, scope.labelerGroupId(), PatternType.LITERAL, READ);
                out.add(ResourceType.TRANSACTIONAL_ID, scope.labelerTransactionalIdPrefix(), PatternType.PREFIXED,
                        WRITE);
            }
        }
        return out.list;
    }

    /**
     * @param topics topic names
     * @return all of them
     */
    static List<String> topicNames(TopicNames topics) {
        return List.copyOf(topics.asProperties().values());
    }

    /** Collects one principal's bindings. */
    private static final class Bindings {
        private final String principal;
        private final List<AclBinding> list = new ArrayList<>();

        Bindings(String principal) {
            this.principal = principal;
        }

        void topic(String name, AclOperation... operations) {
            add(ResourceType.TOPIC, name, PatternType.LITERAL, operations);
        }

        void add(ResourceType type, String name, PatternType pattern, AclOperation... operations) {
            for (AclOperation operation : operations) {
                list.add(new AclBinding(new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            }
        }
    }
}
