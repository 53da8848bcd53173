package dev.sift.modelops.optimize;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.context.ContextInputs;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.bundle.BundleBuilder;
import dev.sift.modelops.bundle.BundleSizes;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.bundle.HeadFusion;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.context.ContextTraining;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.FeatureExtractor;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.train.ContextScales;
import dev.sift.modelops.train.TrainingOptions;
import dev.sift.modelops.vocab.VocabularyPruning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The accuracy-gated search: builds every candidate (pruning level x precision plan) from an FP32 bundle, measures
 * each on held-out labeled data and for latency side by side, and picks the fastest (or smallest) one within the
 * allowed drop. Nothing that fails the gate is ever chosen.
 *
 * <p>Pruned candidates get their heads re-fitted on the pruned encoder's features (with the base bundle's chosen
 * regularization: seconds to minutes, no retraining of the encoder). Quantization-only candidates keep the base
 * heads, which stay FP32. Each INT8 plan is built once per activation-smoothing strength asked for
 * ({@link ActivationSmoother}; 0 = none), from a profile of that candidate's own FP32 graph. Every candidate has its
 * layer norms rewritten ({@link LayerNormRewriter}); {@code prune0-fp32}, when FP32 plans are asked for, shows what
 * that alone is worth.
 *
 * <p>With a {@link VocabularyPruning} in the inputs, every candidate also gets the pruned vocabulary (its word table
 * cut before quantization, so the table's 8-bit range is that of the kept rows) and the matching tokenizer, while the
 * reference stays the full FP32 bundle: what pruning the vocabulary costs is inside each candidate's drop.
 */
public final class OptimizationSearch {

    private final SearchOptions options;
    private final Progress progress;

    /**
     * @param options candidates and gate
     * @param progress progress reporting
     */
    public OptimizationSearch(SearchOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * What to search from.
     *
     * @param base the FP32 bundle
     * @param refit labeled data to re-fit heads of pruned candidates on (train, and validation if any)
     * @param heldOut labeled snippets to judge candidates on, never trained on
     * @param calibration snippets for profiling and sensitivity (unlabeled; e.g. recent traffic)
     * @param comparisons other bundles to measure in the same run but never choose (e.g. ONNX Runtime's Python
     *     INT8 of the same encoder with heads trained the same way), by row name
     * @param vocabulary the vocabulary pruning every candidate gets, or {@code null} for none
     */
    public record Inputs(ModelBundle base, Dataset refit, List<LabeledSnippet> heldOut, List<String> calibration,
            Map<String, ModelBundle> comparisons, VocabularyPruning vocabulary) {

        /**
         * Inputs without vocabulary pruning.
         *
         * @param base the FP32 bundle
         * @param refit labeled data for re-fitting
         * @param heldOut held-out labeled snippets
         * @param calibration calibration snippets
         * @param comparisons other bundles to measure, by row name
         */
        public Inputs(ModelBundle base, Dataset refit, List<LabeledSnippet> heldOut, List<String> calibration,
                Map<String, ModelBundle> comparisons) {
            this(base, refit, heldOut, calibration, comparisons, null);
        }

        /**
         * Inputs without comparison rows.
         *
         * @param base the FP32 bundle
         * @param refit labeled data for re-fitting
         * @param heldOut held-out labeled snippets
         * @param calibration calibration snippets
         */
        public Inputs(ModelBundle base, Dataset refit, List<LabeledSnippet> heldOut, List<String> calibration) {
            this(base, refit, heldOut, calibration, Map.of(), null);
        }
    }

    /**
     * Runs the search.
     *
     * @param inputs base, data and calibration
     * @param workDir where candidate bundles are written
     * @return every candidate with its figures, and the chosen one if any passed
     */
    public SearchReport run(Inputs inputs, Path workDir) {
        ModelBundle base = inputs.base();
        BundleManifest manifest = base.manifest();
        OnnxGraph baseGraph = OnnxGraph.read(base.modelFile());
        OnnxGraph sentence = baseGraph.copy();
        sentence.addFloatOutput(SentenceEmbeddingGraph.OUTPUT, 2);
        sentence.keepOutputs(List.of(SentenceEmbeddingGraph.OUTPUT));
        List<String> calibration = inputs.calibration().subList(0, Math.min(options.calibrationTexts(),
                inputs.calibration().size()));
        ActivationProfile profile;
        List<QuantizationSensitivity.Sensitivity> sensitivity;
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(base.tokenizerFile(), manifest.maxTokens())) {
            profile = ActivationProfiler.profile(sentence, tokenizer, calibration, progress);
            boolean mixed = options.keepFp32().stream().anyMatch(k -> k > 0);
            sensitivity = !mixed ? List.of() : QuantizationSensitivity.measure(sentence, SentenceEmbeddingGraph.OUTPUT,
                    tokenizer, calibration.subList(0, Math.min(128, calibration.size())), options.reduceRange(),
                    progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Built> built = new ArrayList<>();
        built.add(new Built("fp32", 0, "fp32", -1, 0, base));
        Vocabulary vocabulary = inputs.vocabulary() == null ? null : new Vocabulary(inputs.vocabulary(),
                inputs.vocabulary().writeTokenizer(workDir.resolve("vocabulary").resolve(BundleBuilder.TOKENIZER_FILE)));
        boolean smoothing = options.smoothing().stream().anyMatch(a -> a > 0);
        for (double ratio : new TreeSet<>(options.pruneRatios())) {
            OnnxGraph fp32 = ratio == 0 ? baseGraph : prunedWithRefitHeads(sentence, profile, ratio, inputs, workDir);
            // Smoothing scales each input by its own channels' ranges: a pruned graph has fewer channels.
            ActivationProfile fp32Profile = ratio == 0 || !smoothing ? profile
                    : profile(fp32, base, calibration);
            for (int keep : new TreeSet<>(options.keepFp32())) {
                for (double alpha : keep < 0 ? List.of(0.0) : new TreeSet<>(options.smoothing())) {
                    built.add(build(fp32, fp32Profile, ratio, keep, alpha, sensitivity, base, vocabulary, workDir));
                }
            }
        }
        inputs.comparisons().forEach((name, bundle) -> built.add(new Built(name, 0, bundle.manifest().precision(),
                -1, 0, bundle)));
        return judge(built, inputs, sensitivity);
    }

    private record Built(String id, double ratio, String precision, int keep, double smoothing, ModelBundle bundle) {
    }

    /** A vocabulary pruning and the tokenizer it wrote, shared by every candidate. */
    private record Vocabulary(VocabularyPruning pruning, Path tokenizer) {
    }

    /**
     * One candidate: the (pruned) FP32 graph, smoothed by alpha, quantized but for the keep most sensitive MatMuls,
     * its layer norms written for ONNX Runtime's fast kernels.
     */
    private Built build(OnnxGraph fp32, ActivationProfile profile, double ratio, int keep, double alpha,
            List<QuantizationSensitivity.Sensitivity> sensitivity, ModelBundle base, Vocabulary vocabulary,
            Path workDir) {
        OnnxGraph graph = fp32.copy();
        if (vocabulary != null) {
            vocabulary.pruning().prune(graph);
        }
        String precision = "fp32";
        if (keep >= 0) {
            Set<String> keepNames = new HashSet<>();
            sensitivity.stream().limit(keep).forEach(s -> keepNames.add(s.matmul()));
            if (alpha > 0) {
                Set<String> quantized = new HashSet<>(DynamicQuantizer.quantizableMatMuls(graph));
                quantized.removeAll(keepNames);
                new ActivationSmoother(alpha).smooth(graph, profile, quantized);
            }
            new DynamicQuantizer(options.reduceRange(), DynamicQuantizer.Embeddings.ASYMMETRIC, keepNames)
                    .quantize(graph);
            precision = keep == 0 ? "int8" : "mixed";
        }
        LayerNormRewriter.rewrite(graph);
        String id = "prune" + Math.round(ratio * 100) + "-" + (keep < 0 ? "fp32" : keep == 0 ? "int8"
                : "int8-keep" + keep) + (alpha > 0 ? "-smooth" + Math.round(alpha * 100) : "")
                + (vocabulary != null ? "-vocab" : "");
        return new Built(id, ratio, precision, Math.max(keep, 0), alpha, write(graph, base, id, ratio, precision, keep,
                alpha, vocabulary, workDir));
    }

    private ActivationProfile profile(OnnxGraph graph, ModelBundle base, List<String> calibration) {
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(base.tokenizerFile(), base.manifest().maxTokens())) {
            return ActivationProfiler.profile(graph, tokenizer, calibration, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OnnxGraph prunedWithRefitHeads(OnnxGraph sentence, ActivationProfile profile, double ratio, Inputs inputs,
            Path workDir) {
        OnnxGraph pruned = sentence.copy();
        FfnPruner.pruneRatio(pruned, profile, ratio);
        Path file = pruned.write(workDir.resolve("pruned-" + Math.round(ratio * 100) + "-sentence.onnx"));
        BundleManifest manifest = inputs.base().manifest();
        TrainingOptions refitOptions = new TrainingOptions(chosenCosts(manifest), 5,
                Runtime.getRuntime().availableProcessors(), 0);
        try (FeatureExtractor extractor = FeatureExtractor.ofGraph(file, inputs.base().tokenizerFile(),
                manifest.maxTokens(), Sha256.ofFile(file))) {
            Optional<ContextInputs> context = HeadFusion.contextInputs(manifest.context());
            BundleTraining.Heads heads = BundleTraining.trainHeads(extractor, inputs.refit(), refitOptions, progress,
                    context.map(c -> ContextTraining.of(c.slots()).withScales(chosenScale(manifest)))
                            .orElse(ContextTraining.none()));
            OnnxGraph withHeads = OnnxGraph.read(file);
            HeadFusion.fuse(withHeads, heads.list(), context);
            return withHeads;
        }
    }

    /** The costs the base bundle's heads were trained with: re-fitting needs no new search. */
    private static double[] chosenCosts(BundleManifest manifest) {
        Set<Double> costs = new TreeSet<>();
        for (String key : List.of("intentCost", "reputationCost")) {
            Optional.ofNullable(manifest.provenance().get(key)).map(Double::parseDouble).ifPresent(costs::add);
        }
        return costs.isEmpty() ? TrainingOptions.defaults().costs()
                : costs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The context scale the base bundle's intent head was trained with; 1 (the plain head over the concatenated rows)
     * for bundles trained before the scale was chosen.
     */
    private static ContextScales chosenScale(BundleManifest manifest) {
        return ContextScales.fixed(Optional.ofNullable(manifest.provenance().get(BundleTraining.Heads.CONTEXT_SCALE))
                .map(Double::parseDouble).orElse(1.0));
    }

    private static ModelBundle write(OnnxGraph graph, ModelBundle base, String id, double ratio, String precision,
            int keep, double smoothing, Vocabulary vocabulary, Path workDir) {
        BundleManifest m = base.manifest();
        Map<String, String> provenance = new LinkedHashMap<>(m.provenance());
        provenance.put("optimizedFrom", m.version());
        provenance.put("pruning", Math.round(ratio * 100) + "% of feed-forward channels");
        provenance.put("precision", precision + (keep > 0 ? " (" + keep + " most sensitive MatMuls FP32)" : ""));
        provenance.put("layerNorm", "element-wise (LayerNormRewriter)");
        if (smoothing > 0) {
            provenance.put("activationSmoothing", "alpha " + smoothing);
        }
        Path tokenizer = base.tokenizerFile();
        if (vocabulary != null) {
            provenance.put("vocabulary", vocabulary.pruning().describe());
            tokenizer = vocabulary.tokenizer();
        }
        String version = m.name() + "-" + id + "-" + Sha256.of(graph.toBytes()).substring(0, 10);
        Map<String, Double> sizes = BundleSizes.of(graph, tokenizer).asMetrics();
        // Heads of pruned candidates were re-fitted: their output names and labels are the base's.
        return BundleBuilder.write(graph, tokenizer, m.baseModel(), m.heads(),
                new BundleBuilder.Spec(m.name(), version, m.maxTokens(), precision, sizes, provenance, m.context()),
                workDir.resolve(id));
    }

    private SearchReport judge(List<Built> built, Inputs inputs, List<QuantizationSensitivity.Sensitivity> sensitivity) {
        Map<String, SnippetClassifier> classifiers = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        try {
            try (Progress.Task task = progress.start("Evaluating candidates", built.size())) {
                for (Built b : built) {
                    SnippetClassifier classifier = OnnxClassifier.open(b.bundle(), InferenceSettings.defaults());
                    classifiers.put(b.id(), classifier);
                    metrics.put(b.id(), MainMetric.measure(classifier, inputs.refit(), inputs.heldOut()));
                    task.step();
                }
            }
            Map<String, Double> latency = new LatencyMeter(options.latencyRounds(), 10).medianMillis(classifiers,
                    LatencyMeter.TWEET_32_TOKENS, progress);
            double referenceMetric = metrics.get("fp32");
            double referenceLatency = latency.get("fp32");
            List<Candidate> candidates = new ArrayList<>();
            for (Built b : built) {
                double drop = 100 * (referenceMetric - metrics.get(b.id()));
                boolean reference = b.id().equals("fp32");
                boolean comparison = inputs.comparisons().containsKey(b.id());
                candidates.add(new Candidate(b.id(), b.ratio(), b.precision(), b.keep(), b.smoothing(),
                        metrics.get(b.id()), drop,
                        sizeOf(b.bundle()), latency.get(b.id()), referenceLatency / latency.get(b.id()),
                        !reference && !comparison && drop <= options.maxDropPoints(), reference || comparison,
                        b.bundle()));
            }
            Comparator<Candidate> objective = options.objective() == SearchOptions.Objective.SMALLEST
                    ? Comparator.comparingLong(Candidate::sizeBytes) : Comparator.comparingDouble(Candidate::latencyMillis);
            Optional<Candidate> chosen = candidates.stream().filter(Candidate::passed).min(objective);
            return new SearchReport(MainMetric.name(inputs.refit()), options, candidates, chosen.orElse(null),
                    chosen.isPresent() ? null : whyNothing(candidates), sensitivity);
        } finally {
            classifiers.values().forEach(SnippetClassifier::close);
        }
    }

    private String whyNothing(List<Candidate> candidates) {
        Candidate best = candidates.stream().filter(c -> !c.reference()).min(Comparator.comparingDouble(Candidate::drop))
                .orElse(null);
        if (best == null) {
            return "no candidates were built";
        }
        return String.format(java.util.Locale.ROOT, "no candidate is within %.2f points of FP32: the closest, %s, "
                + "loses %.2f points", options.maxDropPoints(), best.id(), best.drop());
    }

    private static long sizeOf(ModelBundle bundle) {
        try (var files = Files.walk(bundle.directory())) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
