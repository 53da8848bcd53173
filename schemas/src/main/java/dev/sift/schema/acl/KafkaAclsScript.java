package dev.sift.schema.acl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;

/**
 * {@link SiftAcls}' bindings as a POSIX shell script of {@code kafka-acls.sh --add} commands, for operators who set
 * ACLs with Kafka's own tools, and for the compose cluster. Adding an ACL that exists changes nothing, so the script
 * can run at every start.
 */
public final class KafkaAclsScript {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._:/=+@%-]+");

    private KafkaAclsScript() {
    }

    /**
     * @param scope topic names, application id and platform group prefix
     * @param grants principals and their roles
     * @return the script: {@code script <bootstrap servers> <admin client properties>}
     */
    public static String render(AclScope scope, List<RoleGrant> grants) {
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n");
        out.append("# Sift's Kafka ACLs (docs/security.md), as dev.sift.schema.acl.SiftAcls computes them.\n");
        out.append("# Written by `sift-ops acls` from a deployment's principals and names: regenerate, do not edit.\n");
        out.append("# Usage: ").append("<this script> <bootstrap servers> <admin client properties file>\n");
        out.append("set -eu\n");
        out.append("bootstrap=$1\n");
        out.append("admin_config=$2\n");
        out.append("acl() {\n");
        out.append("  \"${KAFKA_HOME:-/opt/kafka}/bin/kafka-acls.sh\" --bootstrap-server \"$bootstrap\" ")
                .append("--command-config \"$admin_config\" --add \"$@\" > /dev/null\n");
        out.append("}\n");
        for (RoleGrant grant : grants) {
            out.append("\n# ").append(grant.role().label()).append(": ").append(grant.principal()).append('\n');
            Map<ResourcePattern, StringBuilder> lines = new LinkedHashMap<>();
            for (AclBinding binding : SiftAcls.bindings(scope, grant)) {
                lines.computeIfAbsent(binding.pattern(), p -> command(grant.principal(), p))
                        .append(" --operation ").append(operation(binding.entry().operation()));
            }
            lines.values().forEach(line -> out.append(line).append('\n'));
        }
        out.append("\necho \"Sift ACLs applied\"\n");
        return out.toString();
    }

    private static StringBuilder command(String principal, ResourcePattern pattern) {
        StringBuilder line = new StringBuilder("acl --allow-principal ").append(quote(principal));
        switch (pattern.resourceType()) {
            case TOPIC -> line.append(" --topic ");
            case GROUP -> line.append(" --group ");
            case TRANSACTIONAL_ID -> line.append(" --transactional-id ");
            default -> throw new IllegalArgumentException("no kafka-acls.sh option for " + pattern.resourceType());
        }
        line.append(quote(pattern.name()));
        if (pattern.patternType() == PatternType.PREFIXED) {
            line.append(" --resource-pattern-type prefixed");
        }
        return line;
    }

    /** {@code DESCRIBE_CONFIGS} is {@code DescribeConfigs} on kafka-acls.sh's command line. */
    private static String operation(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static String quote(String value) {
        return SHELL_SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
