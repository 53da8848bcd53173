package dev.sift.opscli;

import dev.sift.schema.acl.AclScope;
import dev.sift.schema.acl.KafkaAclsScript;
import dev.sift.schema.acl.RoleGrant;
import dev.sift.schema.acl.SiftAcls;
import dev.sift.schema.acl.SiftRole;
import dev.sift.schema.kafka.CommandConfigOption;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.TopicRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sift-ops acls}: the Kafka ACLs of a deployment (docs/security.md), printed as a {@code kafka-acls.sh}
 * script or applied with the Admin client.
 */
@Command(name = "acls", mixinStandardHelpOptions = true,
        description = {"Kafka ACLs for a Sift deployment: each principal gets exactly what its role needs.",
            "Prints a kafka-acls.sh script; --apply creates the ACLs (adding an existing one changes nothing)."})
final class AclsCommand implements Callable<Integer> {

    @Option(names = "--platform", paramLabel = "PRINCIPAL",
            description = "A platform's principal, e.g. User:chat-platform (repeatable).")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--gateway", paramLabel = "PRINCIPAL", description = "The gateways' principal (repeatable).")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--ops-api", paramLabel = "PRINCIPAL",
            description = "The principal the ops API writes policies as; today the gateways' own (repeatable).")
    List<String> opsApis = new ArrayList<>();

    @Option(names = "--model-ops", paramLabel = "PRINCIPAL", description = "model-ops' principal (repeatable).")
    List<String> modelOps = new ArrayList<>();

    @Option(names = "--application-id", defaultValue = AclScope.DEFAULT_APPLICATION_ID,
            description = "The gateways' Kafka Streams application id (default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--platform-group-prefix", defaultValue = AclScope.DEFAULT_PLATFORM_GROUP_PREFIX,
            description = "Prefix of the consumer groups platforms read forwarded snippets in (default "
                    + "${DEFAULT-VALUE}).")
    String platformGroupPrefix;

    @Option(names = "--topic", paramLabel = "KEY=NAME",
            description = "A topic's name when not the default, as sift.topics.KEY: snippets, decisions, "
                    + "llm-requests, dead-letters, releases, policies, policy-audit, feedback (repeatable).")
    Map<String, String> topics = new LinkedHashMap<>();

    @Option(names = "--apply", description = "Create the ACLs on the cluster instead of printing the script, as the"
            + " administrator whose client properties --command-config names.")
    boolean apply;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "With --apply: Kafka bootstrap servers (default $KAFKA_BOOTSTRAP_SERVERS or "
                    + "localhost:9092).")
    String bootstrapServers;

    @Mixin
    CommandConfigOption kafkaFile;

    @Override
    public Integer call() throws InterruptedException {
        List<RoleGrant> grants = grants();
        AclScope scope = new AclScope(topicNames(), applicationId, platformGroupPrefix);
        if (!apply) {
            System.out.print(KafkaAclsScript.render(scope, grants));
            return 0;
        }
        List<AclBinding> bindings = SiftAcls.bindings(scope, grants);
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the ACLs: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create the ACLs: no answer from " + bootstrapServers
                    + " within 60 s", e);
        }
        System.out.println("applied " + bindings.size() + " ACL bindings for " + grants.size() + " grants");
        return 0;
    }

    private List<RoleGrant> grants() {
        List<RoleGrant> grants = new ArrayList<>();
        platforms.forEach(p -> grants.add(new RoleGrant(SiftRole.PLATFORM, p)));
        gateways.forEach(p -> grants.add(new RoleGrant(SiftRole.GATEWAY, p)));
        opsApis.forEach(p -> grants.add(new RoleGrant(SiftRole.OPS_API, p)));
        modelOps.forEach(p -> grants.add(new RoleGrant(SiftRole.MODEL_OPS, p)));
        if (grants.isEmpty()) {
            throw new IllegalArgumentException("name at least one principal: --platform, --gateway, --ops-api or "
                    + "--model-ops");
        }
        return grants;
    }

    private TopicNames topicNames() {
        topics.keySet().forEach(TopicRole::ofKey);
        return TopicNames.from(topics);
    }

    private Properties adminConfig() {
        Properties props = new Properties();
        props.putAll(kafkaFile.settings());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
