package dev.sift.modelops.cli;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.LogitsImport;
import dev.sift.modelops.bundle.SiftHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Packs a classifier that already ends in logits into a bundle. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Make a bundle of an ONNX classifier that ends in logits (e.g. a fine-tuned MobileBERT "
                + "exported by Optimum), with a labels file.")
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--onnx", required = true, description = "The classifier graph.")
    Path onnx;

    @Option(names = "--tokenizer", required = true, description = "Its tokenizer.json.")
    Path tokenizer;

    @Option(names = "--labels", required = true, description = "One label per line, in output column order.")
    Path labels;

    @Option(names = "--role", defaultValue = "intents",
            description = "intents (multi-label, sigmoid) or reputation (negative/neutral/positive, softmax).")
    String role;

    @Option(names = "--output", description = "Name of the logits output (default: the only [batch, n] output).")
    String output;

    @Option(names = "--max-tokens", defaultValue = "128", description = "Tokens per snippet (default 128).")
    int maxTokens;

    @Option(names = "--name", defaultValue = "sift-imported", description = "Bundle family name.")
    String name;

    @Option(names = "--out", description = "Bundle directory (default: $SIFT_HOME/bundles/<version>).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!role.equals(BundleManifest.INTENTS) && !role.equals(BundleManifest.REPUTATION)) {
            throw new IllegalArgumentException("--role must be intents or reputation");
        }
        List<String> labelList = Files.readAllLines(labels, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(l -> !l.isEmpty()).toList();
        Path target = out != null ? out : SiftHome.bundles().resolve(name + "-import");
        ModelBundle bundle = LogitsImport.importBundle(
                new LogitsImport.Source(onnx, tokenizer, labelList, role, output, maxTokens), name, target);
        System.out.println("bundle " + bundle.version() + " at " + bundle.directory());
        return 0;
    }
}
