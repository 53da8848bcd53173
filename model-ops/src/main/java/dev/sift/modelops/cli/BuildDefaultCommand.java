package dev.sift.modelops.cli;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.ConsoleProgress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Builds (or finds in the cache) the default bundle and prints where it is. */
@Command(name = "build-default", mixinStandardHelpOptions = true,
        description = "Build the default bundle from the starter set (cached under $SIFT_HOME or ~/.cache/sift).")
final class BuildDefaultCommand implements Callable<Integer> {

    @Option(names = "--context", description = "The default context-aware bundle instead: its intent head also reads"
            + " the thread's earlier turns; trained on the starter set and the context starter set.")
    boolean context;

    @Override
    public Integer call() {
        ModelBundle bundle = context ? DefaultBundle.ensureContext(new ConsoleProgress())
                : DefaultBundle.ensure(new ConsoleProgress());
        System.out.println("default bundle " + bundle.version() + " at " + bundle.directory());
        bundle.manifest().metrics().forEach((k, v) -> System.out.printf("  %-36s %.4f%n", k, v));
        return 0;
    }
}
