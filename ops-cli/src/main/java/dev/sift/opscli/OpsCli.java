package dev.sift.opscli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * {@code sift-ops}: filter policies and what-if questions, against any gateway of the fleet; the filter's estimated
 * quality, from model-ops; the Kafka ACLs of a deployment.
 */
@Command(name = "sift-ops", mixinStandardHelpOptions = true, version = "sift-ops 0.1.0",
        description = {"Read and change Sift filter policies (fleet-wide), and preview changes on recent traffic.",
            "Show the filter's estimated recall and precision (from model-ops).",
            "Print or apply the Kafka ACLs of a deployment.",
            "Reads need the read token or the ops token, changes the ops token."},
        subcommands = {PolicyCommands.class, WhatIfCommands.WhatIf.class, WhatIfCommands.Auto.class,
                WhatIfCommands.Curves.class, QualityCommand.class, AclsCommand.class, CommandLine.HelpCommand.class})
public final class OpsCli {

    @Option(names = "--url", defaultValue = "${SIFT_GATEWAY_URL:-http://localhost:8080}", scope = ScopeType.INHERIT,
            description = "A gateway's URL (default $SIFT_GATEWAY_URL or http://localhost:8080).")
    String url;

    @Option(names = "--token", defaultValue = "${SIFT_OPS_TOKEN}", scope = ScopeType.INHERIT,
            description = "Ops token, for changes and reads (default $SIFT_OPS_TOKEN); never printed.")
    String token;

    @Option(names = "--read-token", defaultValue = "${SIFT_READ_TOKEN}", scope = ScopeType.INHERIT,
            description = "Read token, for reads when no ops token is given (default $SIFT_READ_TOKEN); never printed.")
    String readToken;

    GatewayClient client() {
        return new GatewayClient(url, token != null && !token.isBlank() ? token : readToken);
    }

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new OpsCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(e.getMessage());
            return e instanceof GatewayClient.ApiException api && api.status() == 400 ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }
}
