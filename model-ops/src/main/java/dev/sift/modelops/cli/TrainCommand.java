package dev.sift.modelops.cli;

import dev.sift.modelops.bundle.BundlePacker;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.encoder.Encoder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains heads on labeled data and writes a bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train intent and reputation heads on labeled data and write a model bundle.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Mixin
    EncoderOptions encoder;

    @Mixin
    ContextOptions context;

    @Mixin
    EmbeddingRankOption embeddingRank;

    @Option(names = "--name", defaultValue = "sift-custom", description = "Bundle family name.")
    String name;

    @Option(names = "--out", description = "Bundle directory (default: $SIFT_HOME/bundles/<version>).")
    Path out;

    @Option(names = "--archive", description = "Also write the single-file archive here.")
    Path archive;

    @Override
    public Integer call() {
        Encoder base = embeddingRank.apply(encoder.encoder());
        Dataset dataset = data.read();
        BundleTraining training = context.apply(new BundleTraining(base, SiftHome.work(),
                encoder.maxTokens, encoder.training(), new ConsoleProgress()), dataset);
        String version = training.versionFor(name, dataset);
        Path target = out != null ? out : SiftHome.bundles().resolve(version);
        BundleTraining.Result result = training.train(dataset, name, version, Map.of(), target);
        System.out.println("bundle " + version + " at " + result.bundle().directory());
        System.out.println("selection: " + result.summary());
        if (archive != null) {
            System.out.println("archive " + BundlePacker.pack(result.bundle(), archive));
        }
        return 0;
    }
}
