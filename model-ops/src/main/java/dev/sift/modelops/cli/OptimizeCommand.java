package dev.sift.modelops.cli;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.BundleSizes;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.bundle.TrainedBundles;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.dataset.HeldOut;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.optimize.OptimizationSearch;
import dev.sift.modelops.optimize.SearchOptions;
import dev.sift.modelops.optimize.SearchReport;
import dev.sift.modelops.vocab.VocabularyPruning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import dev.sift.modelops.encoder.Encoder;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Profiles, prunes and quantizes an FP32 bundle, judges every candidate against FP32 on held-out labeled data and
 * picks the fastest (or smallest) one within the allowed drop.
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Accuracy-gated search over pruning levels and INT8 precision plans; prints a table, writes "
                + "search.json and a Pareto chart, and keeps the chosen bundle.")
final class OptimizeCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Mixin
    EncoderOptions encoder;

    @Mixin
    ContextOptions context;

    @Option(names = "--bundle", description = "FP32 bundle to optimize (default: heads trained on --data's train split).")
    Path bundle;

    @Option(names = "--calibration", description = "Snippets for profiling (one per line, or JSONL/CSV with text);"
            + " default: a sample of the training texts.")
    Path calibration;

    @Option(names = "--prune", split = ",", defaultValue = "0,0.1,0.2,0.3",
            description = "Pruning ratios (default 0,0.1,0.2,0.3).")
    List<Double> prune;

    @Option(names = "--keep-fp32", split = ",", defaultValue = "-1,0,2,4",
            description = "Precision plans: -1 FP32, 0 all INT8, k = k most sensitive MatMuls FP32 (default -1,0,2,4).")
    List<Integer> keepFp32;

    @Option(names = "--smooth", split = ",", defaultValue = "0",
            description = "Activation-smoothing strengths tried with every INT8 plan: 0 none, alpha in (0, 1) moves"
                    + " that much of each input channel's range into the weights (default 0).")
    List<Double> smoothing;

    @Option(names = "--max-drop", defaultValue = "0.5", description = "Allowed loss in points (default 0.5).")
    double maxDrop;

    @Option(names = "--objective", defaultValue = "FASTEST", description = "FASTEST or SMALLEST.")
    SearchOptions.Objective objective;

    @Option(names = "--out", defaultValue = "model-ops-reports/optimize", description = "Report folder.")
    Path out;

    @Option(names = "--prune-vocabulary",
            description = "Also prune every candidate's WordPiece vocabulary: keep special tokens, every single"
                    + " character (and its ## form), every token of --data's train and validation texts and of each"
                    + " --vocabulary-corpus, and the ids below --vocabulary-floor; cut the word-embedding table to"
                    + " them and rewrite tokenizer.json. The gate still compares with the full FP32 bundle.")
    boolean pruneVocabulary;

    @Option(names = "--vocabulary-corpus", arity = "1..*",
            description = "General text whose tokens are kept too (all its splits): CLINC150 data_full.json, an"
                    + " NLU++ folder, JSONL or CSV with a text field, or one text per line.")
    List<Path> vocabularyCorpus = new ArrayList<>();

    @Option(names = "--vocabulary-floor", defaultValue = "0",
            description = "Also keep every token whose id is below this (BERT vocabularies list word pieces roughly"
                    + " by frequency; default 0: none).")
    int vocabularyFloor;

    @Option(names = "--compare-ort-reference",
            description = "Also measure ONNX Runtime's Python INT8 of all-MiniLM-L6-v2, heads trained the same way.")
    boolean compareReference;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!pruneVocabulary && (!vocabularyCorpus.isEmpty() || vocabularyFloor != 0)) {
            throw new ParameterException(spec.commandLine(),
                    "--vocabulary-corpus and --vocabulary-floor choose what --prune-vocabulary keeps: add it");
        }
        ConsoleProgress progress = new ConsoleProgress();
        HeldOut split = HeldOut.of(data.read());
        ModelBundle base = bundle != null ? ModelBundle.open(bundle) : TrainedBundles.ensure(context.apply(
                new BundleTraining(encoder.encoder(), SiftHome.work(), encoder.maxTokens, encoder.training(), progress),
                split.training()), split.training());
        SearchOptions defaults = SearchOptions.defaults();
        SearchOptions options = new SearchOptions(prune, keepFp32, smoothing, maxDrop, objective, defaults.calibrationTexts(),
                defaults.latencyRounds(), defaults.reduceRange());
        Path work = SiftHome.root().resolve("optimize").resolve(base.version());
        Map<String, ModelBundle> comparisons = new java.util.LinkedHashMap<>();
        if (compareReference) {
            comparisons.put("ort-python-int8", TrainedBundles.ensure(new BundleTraining(
                    Encoder.builtIn(Encoder.MINILM_INT8_REFERENCE, SiftHome.work()), SiftHome.work(), encoder.maxTokens,
                    encoder.training(), progress), split.training()));
        }
        VocabularyPruning vocabulary = pruneVocabulary ? vocabulary(base, split) : null;
        SearchReport report = new OptimizationSearch(options, progress).run(new OptimizationSearch.Inputs(base,
                split.training(), split.heldOut(), calibrationTexts(split), comparisons, vocabulary), work);
        report.print(System.out);
        System.out.println();
        BundleSizes.of(base).print("parts of " + base.version(), System.out);
        if (report.chosen() != null) {
            BundleSizes.of(report.chosen().bundle()).print("parts of " + report.chosen().version(), System.out);
        }
        Path chart = report.write(out);
        System.out.println("report  " + out.resolve("search.json"));
        System.out.println("chart   " + chart);
        if (report.chosen() == null) {
            return 2;
        }
        System.out.println("bundle  " + report.chosen().bundle().directory());
        return 0;
    }

    /** The tokens the training texts and the corpus files use, chosen on the base bundle's tokenizer. */
    private VocabularyPruning vocabulary(ModelBundle base, HeldOut split) {
        List<String> corpus = new ArrayList<>();
        split.training().train().forEach(s -> corpus.add(s.text()));
        split.training().validation().forEach(s -> corpus.add(s.text()));
        for (Path file : vocabularyCorpus) {
            corpus.addAll(VocabularyCorpus.read(file));
        }
        VocabularyPruning vocabulary = VocabularyPruning.choose(base.tokenizerFile(), corpus, vocabularyFloor);
        System.out.println("vocabulary: " + vocabulary.describe());
        return vocabulary;
    }

    private List<String> calibrationTexts(HeldOut split) throws IOException {
        if (calibration != null) {
            List<String> lines = Files.readAllLines(calibration);
            if (calibration.toString().endsWith(".jsonl") || calibration.toString().endsWith(".csv")) {
                return (calibration.toString().endsWith(".csv")
                        ? dev.sift.modelops.dataset.DatasetReaders.csv("calibration", Files.newInputStream(calibration))
                        : dev.sift.modelops.dataset.DatasetReaders.jsonl("calibration", Files.newInputStream(calibration)))
                        .train().stream().map(LabeledSnippet::text).toList();
            }
            return lines.stream().filter(l -> !l.isBlank()).toList();
        }
        List<String> texts = new ArrayList<>(split.training().train().stream().map(LabeledSnippet::text).toList());
        Collections.shuffle(texts, new Random(0));
        return texts;
    }

}
