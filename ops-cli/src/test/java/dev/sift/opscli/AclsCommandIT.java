package dev.sift.opscli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.SaslMechanism;
import dev.sift.schema.acl.AclScope;
import dev.sift.schema.acl.KafkaAclsScript;
import dev.sift.schema.acl.RoleGrant;
import dev.sift.schema.acl.SiftAcls;
import dev.sift.schema.acl.SiftRole;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.TopicRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sift-ops acls: the script it prints, and the ACLs it applies on a real broker with an authorizer. */
class AclsCommandIT {

    private static final List<RoleGrant> GRANTS = List.of(
            new RoleGrant(SiftRole.PLATFORM, "User:chat"),
            new RoleGrant(SiftRole.GATEWAY, "User:gateway"),
            new RoleGrant(SiftRole.OPS_API, "User:gateway"),
            new RoleGrant(SiftRole.MODEL_OPS, "User:model-ops"));

    @TempDir
    Path dir;

    @Test
    void shouldPrintTheKafkaAclsScriptOfTheNamedPrincipalsAndTopics() {
        String script = run("acls", "--platform", "User:chat", "--gateway", "User:gateway", "--ops-api",
                "User:gateway", "--model-ops", "User:model-ops", "--topic", "snippets=acme.snippets",
                "--application-id", "acme-gateway");

        AclScope scope = new AclScope(TopicNames.defaults().with(TopicRole.SNIPPETS, "acme.snippets"),
                "acme-gateway", AclScope.DEFAULT_PLATFORM_GROUP_PREFIX);
        assertThat(script).isEqualTo(KafkaAclsScript.render(scope, GRANTS));
    }

    @Test
    void shouldApplyTheAclsWithTheAdministratorsCredentials() throws Exception {
        // Given a broker with an authorizer, and its administrator's client properties in a file
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().sasl(SaslMechanism.PLAIN, "admin", "admin-pw")
                .authorizer().build().start()) {
            Path adminConfig = dir.resolve("admin.properties");
            Files.writeString(adminConfig, broker.clientConfig().entrySet().stream()
                    .filter(e -> !e.getKey().equals("bootstrap.servers"))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));

            // When the ACLs are applied, twice (as a start script would)
            for (int i = 0; i < 2; i++) {
                assertThat(run("acls", "--apply", "--bootstrap-servers", broker.bootstrapServers(), "--command-config",
                        adminConfig.toString(), "--platform", "User:chat", "--gateway", "User:gateway", "--ops-api",
                        "User:gateway", "--model-ops", "User:model-ops")).contains("applied");
            }

            // Then the cluster holds exactly the bindings SiftAcls computes
            try (Admin admin = Admin.create(broker.clientConfig())) {
                assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
                        .containsExactlyInAnyOrderElementsOf(SiftAcls.bindings(AclScope.defaults(), GRANTS));
            }
        }
    }

    private static String run(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.text()).isZero();
        return run.out();
    }
}
