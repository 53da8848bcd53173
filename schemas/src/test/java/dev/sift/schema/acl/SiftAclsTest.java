package dev.sift.schema.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.TopicRole;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class SiftAclsTest {

    private static final AclScope SCOPE = AclScope.defaults();
    private static final List<RoleGrant> DEPLOYMENT = List.of(
            new RoleGrant(SiftRole.PLATFORM, "User:platform"),
            new RoleGrant(SiftRole.GATEWAY, "User:gateway"),
            new RoleGrant(SiftRole.OPS_API, "User:ops-api"),
            new RoleGrant(SiftRole.MODEL_OPS, "User:model-ops"));

    @Test
    void shouldLetAPlatformWriteOnlySnippetsAndFeedbackAndReadOnlyWhatTheLlmSideLabels() {
        // When the platform role's bindings are computed
        List<AclBinding> platform = SiftAcls.bindings(SCOPE, new RoleGrant(SiftRole.PLATFORM, "User:p"));

        // Then it writes snippets and feedback, reads the forwarded and audit requests in its own groups, nothing else
        assertThat(topics(platform, AclOperation.WRITE)).containsExactlyInAnyOrder("sift.snippets", "sift.feedback");
        assertThat(topics(platform, AclOperation.READ)).containsExactlyInAnyOrder("sift.llm-requests",
                "sift.audit-requests");
        assertThat(platform).filteredOn(b -> b.pattern().resourceType() == ResourceType.GROUP)
                .singleElement().satisfies(b -> {
                    assertThat(b.pattern().name()).isEqualTo("sift-platform-");
                    assertThat(b.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
                });
        assertThat(platform).allSatisfy(b -> assertThat(b.entry().principal()).isEqualTo("User:p"));
    }

    @Test
    void shouldLetOnlyModelOpsWriteReleasesAndOnlyTheOpsApiWritePolicies() {
        // When the whole deployment's bindings are computed
        List<AclBinding> all = SiftAcls.bindings(SCOPE, DEPLOYMENT);

        // Then releases and policies have exactly one writer each, and no prefix reaches them
        assertThat(writers(all, "sift.model-releases")).containsExactly("User:model-ops");
        assertThat(writers(all, "sift.filter-policies")).containsExactly("User:ops-api");
        assertThat(writers(all, "sift.policy-audit")).containsExactly("User:ops-api");
        assertThat(writers(all, "sift.decisions")).containsExactly("User:gateway");
        assertThat(writers(all, "sift.llm-requests")).containsExactly("User:gateway");
    }

    @Test
    void shouldGiveTheGatewayWhatAnExactlyOnceStreamsApplicationNeeds() {
        List<AclBinding> gateway = SiftAcls.bindings(SCOPE, new RoleGrant(SiftRole.GATEWAY, "User:g"));

        assertThat(gateway).anySatisfy(b -> assertBinding(b, ResourceType.TRANSACTIONAL_ID, "sift-gateway-",
                PatternType.PREFIXED, AclOperation.WRITE));
        assertThat(gateway).anySatisfy(b -> assertBinding(b, ResourceType.GROUP, "sift-gateway",
                PatternType.LITERAL, AclOperation.READ));
        assertThat(gateway).anySatisfy(b -> assertBinding(b, ResourceType.TOPIC, "sift-gateway-",
                PatternType.PREFIXED, AclOperation.ALL));
        assertThat(topics(gateway, AclOperation.CREATE)).hasSize(TopicRole.values().length);
    }

    @Test
    void shouldFollowTheConfiguredNames() {
        // Given topics and an application id of another deployment
        AclScope scope = new AclScope(TopicNames.defaults().with(TopicRole.SNIPPETS, "a.in")
                .with(TopicRole.DECISIONS, "a.decided").with(TopicRole.LLM_REQUESTS, "a.llm")
                .with(TopicRole.AUDIT_REQUESTS, "a.audits").with(TopicRole.DEAD_LETTERS, "a.dead")
                .with(TopicRole.RELEASES, "a.releases").with(TopicRole.POLICIES, "a.policies")
                .with(TopicRole.POLICY_AUDIT, "a.audit").with(TopicRole.FEEDBACK, "a.feedback")
                .with(TopicRole.LABEL_DEAD_LETTERS, "a.label-dead"), "edge", "tenant-");

        List<AclBinding> all = SiftAcls.bindings(scope, DEPLOYMENT);

        assertThat(writers(all, "a.releases")).containsExactly("User:model-ops");
        assertThat(all).extracting(b -> b.pattern().name()).doesNotContain("sift.snippets", "sift-gateway")
                .contains("edge-", "edge", "tenant-");
    }

    @Test
    void shouldRefuseAnApplicationIdWhoseInternalTopicPrefixCoversASiftTopic() {
        TopicNames names = TopicNames.defaults().with(TopicRole.RELEASES, "edge-releases");

        assertThatThrownBy(() -> new AclScope(names, "edge", "p-"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edge-releases");
    }

    @Test
    void shouldRenderOneKafkaAclsCommandPerResourceWithItsOperations() {
        String script = KafkaAclsScript.render(SCOPE, List.of(
                new RoleGrant(SiftRole.GATEWAY, "User:gateway"),
                new RoleGrant(SiftRole.PLATFORM, "User:CN=chat platform,O=Acme")));

        assertThat(script).startsWith("#!/bin/sh\n").contains("\n# gateway: User:gateway\n")
                .contains("\nacl --allow-principal User:gateway --topic sift.decisions --operation Write"
                        + " --operation Read --operation Create\n")
                .contains("\nacl --allow-principal User:gateway --topic sift-gateway- --resource-pattern-type"
                        + " prefixed --operation All\n")
                .contains("\nacl --allow-principal User:gateway --transactional-id sift-gateway-"
                        + " --resource-pattern-type prefixed --operation Write\n")
                .contains("\nacl --allow-principal 'User:CN=chat platform,O=Acme' --topic sift.snippets"
                        + " --operation Write\n");
    }

    private static Set<String> topics(List<AclBinding> bindings, AclOperation operation) {
        return bindings.stream().filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                .filter(b -> b.entry().operation() == operation).map(b -> b.pattern().name())
                .collect(Collectors.toSet());
    }

    /** Principals allowed to write a topic, by a literal or a prefixed binding. */
    private static Set<String> writers(List<AclBinding> bindings, String topic) {
        return bindings.stream().filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                .filter(b -> Arrays.asList(AclOperation.WRITE, AclOperation.ALL).contains(b.entry().operation()))
                .filter(b -> b.pattern().patternType() == PatternType.PREFIXED
                        ? topic.startsWith(b.pattern().name()) : topic.equals(b.pattern().name()))
                .map(b -> b.entry().principal()).collect(Collectors.toSet());
    }

    private static void assertBinding(AclBinding binding, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        assertThat(binding.pattern().resourceType()).isEqualTo(type);
        assertThat(binding.pattern().name()).isEqualTo(name);
        assertThat(binding.pattern().patternType()).isEqualTo(pattern);
        assertThat(binding.entry().operation()).isEqualTo(operation);
    }
}
