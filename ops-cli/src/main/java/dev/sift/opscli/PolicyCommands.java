package dev.sift.opscli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sift-ops policies ...}. */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "List, read, validate and change policies.",
        subcommands = {PolicyCommands.List.class, PolicyCommands.Get.class, PolicyCommands.Validate.class,
                PolicyCommands.Set.class, PolicyCommands.Delete.class, PolicyCommands.History.class})
final class PolicyCommands {

    @ParentCommand
    OpsCli root;

    static void print(JsonNode node) {
        try {
            System.out.println(GatewayClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (IOException e) {
            System.out.println(node);
        }
    }

    static JsonNode read(Path file) {
        try {
            return GatewayClient.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a JSON policy: " + e.getMessage());
        }
    }

    @Command(name = "list", description = "Every policy in force.")
    static final class List implements Callable<Integer> {
        @ParentCommand
        PolicyCommands parent;

        @Override
        public Integer call() {
            for (JsonNode p : parent.root.client().get("/policies")) {
                System.out.printf("%-24s revision %-4s default %-5s %s%n", p.path("tenant").asText()
                        + (p.hasNonNull("channel") ? "/" + p.path("channel").asText() : ""), p.path("revision").asText(),
                        p.path("defaultThreshold").asText(), p.path("intentThresholds"));
            }
            return 0;
        }
    }

    @Command(name = "get", description = "One policy.")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        PolicyCommands parent;

        @Parameters(index = "0", description = "policy id: *, tenant or tenant/channel")
        String id;

        @Override
        public Integer call() {
            print(parent.root.client().get(GatewayClient.policyPath(id)));
            return 0;
        }
    }

    @Command(name = "validate", description = "Check a policy file without storing it.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        PolicyCommands parent;

        @Parameters(index = "0", description = "policy JSON file")
        Path file;

        @Override
        public Integer call() {
            parent.root.client().send("POST", "/policies/validate", read(file));
            System.out.println("valid");
            return 0;
        }
    }

    @Command(name = "set", description = "Store a policy (needs the ops token); applies fleet-wide within seconds.")
    static final class Set implements Callable<Integer> {
        @ParentCommand
        PolicyCommands parent;

        @Parameters(index = "0", description = "policy id: *, tenant or tenant/channel")
        String id;

        @Parameters(index = "1", description = "policy JSON file")
        Path file;

        @Override
        public Integer call() {
            JsonNode stored = parent.root.client().send("PUT", GatewayClient.policyPath(id), read(file));
            System.out.println("stored " + id + " revision " + stored.path("revision").asText());
            return 0;
        }
    }

    @Command(name = "delete", description = "Remove a policy (needs the ops token); its tenant falls back.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        PolicyCommands parent;

        @Parameters(index = "0", description = "policy id")
        String id;

        @Override
        public Integer call() {
            parent.root.client().send("DELETE", GatewayClient.policyPath(id), null);
            System.out.println("deleted " + id);
            return 0;
        }
    }

    @Command(name = "history", description = "Who changed a policy, when, from what to what.")
    static final class History implements Callable<Integer> {
        @ParentCommand
        PolicyCommands parent;

        @Parameters(index = "0", description = "policy id (tenant or *)")
        String id;

        @Override
        public Integer call() {
            for (JsonNode c : parent.root.client().get(GatewayClient.policyPath(id) + "/history")) {
                System.out.printf("%s  %-10s revision %s -> %s  %s%n", c.path("changedAt").asText(),
                        c.path("changedBy").asText(), c.path("previous").path("revision").asText("-"),
                        c.path("current").path("revision").asText("deleted"), c.path("comment").asText());
            }
            return 0;
        }
    }
}
