package dev.sift.modelops.cli;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.BundlePacker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Verifies a bundle directory and packs it into its single-file form. */
@Command(name = "pack", mixinStandardHelpOptions = true, description = "Verify a bundle and pack it into an archive.")
final class PackCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "bundle directory")
    Path bundle;

    @Parameters(index = "1", description = "archive to write (*.sift.zip)")
    Path archive;

    @Override
    public Integer call() {
        System.out.println(BundlePacker.pack(ModelBundle.open(bundle), archive));
        return 0;
    }
}
