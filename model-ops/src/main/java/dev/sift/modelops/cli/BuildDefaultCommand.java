package dev.sift.modelops.cli;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.ConsoleProgress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Builds (or finds in the cache) the default bundle and prints where it is. */
@Command(name = "build-default", mixinStandardHelpOptions = true,
        description = "Build the default bundle from the starter set (cached under $SIFT_HOME or ~/.cache/sift).")
final class BuildDefaultCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        ModelBundle bundle = DefaultBundle.ensure(new ConsoleProgress());
        System.out.println("default bundle " + bundle.version() + " at " + bundle.directory());
        bundle.manifest().metrics().forEach((k, v) -> System.out.printf("  %-36s %.4f%n", k, v));
        return 0;
    }
}
