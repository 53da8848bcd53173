package dev.sift.modelops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code model-ops}: build, evaluate, optimize and publish model bundles. */
@Command(name = "model-ops", mixinStandardHelpOptions = true, version = "model-ops 0.1.0",
        description = "Builds, evaluates, optimizes and publishes Sift model bundles; labels requests with the LLM"
                + " teacher.",
        subcommands = {BuildDefaultCommand.class, TrainCommand.class, FinetuneCommand.class, EvaluateCommand.class, OptimizeCommand.class,
                ImportCommand.class, PublishCommand.class, KeygenCommand.class, ServeCommand.class, LabelCommand.class,
                InspectCommand.class,
                PackCommand.class, BenchmarkTrainingCommand.class, LearningCurveCommand.class, BenchmarkContextCommand.class,
                CommandLine.HelpCommand.class})
public final class ModelOpsCli {

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        // Before any logger exists; a library jar must not ship a logback.xml that gateways would pick up.
        System.setProperty("logback.configurationFile", "logback-model-ops.xml");
        System.setProperty("java.awt.headless", "true");
        int code = new CommandLine(new ModelOpsCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }
}
