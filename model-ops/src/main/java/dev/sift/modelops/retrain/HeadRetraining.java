package dev.sift.modelops.retrain;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.context.ContextInputs;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.bundle.BundleBuilder;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.bundle.HeadFusion;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.context.ContextTraining;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.FeatureExtractor;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.train.Examples;
import dev.sift.modelops.train.LinearHead;
import dev.sift.modelops.train.TrainingOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * New heads on a base bundle's encoder: the base graph without its heads, heads trained on a data set, fused on, an
 * FP32 bundle. The encoder is not retrained. This class is the learning loop's one call of head training
 * ({@link #trainHeads(Examples, Examples, Dataset)}): a faster trainer replaces that call and nothing else.
 */
public final class HeadRetraining {

    private final TrainingOptions options;
    private final Progress progress;

    /**
     * @param options head training options
     * @param progress progress reporting
     */
    public HeadRetraining(TrainingOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * What to call the bundle and what to record in it.
     *
     * @param name bundle family
     * @param version bundle version
     * @param provenance how it was made (the costs chosen are added)
     */
    public record Spec(String name, String version, Map<String, String> provenance) {
    }

    /**
     * @param base an FP32 bundle whose encoder the heads sit on
     * @param data the data set: train (validation when present) to fit on; its intents are the outputs
     * @param spec names and records
     * @param workDir where the graphs and the bundle are written
     * @return the FP32 bundle
     */
    public ModelBundle train(ModelBundle base, Dataset data, Spec spec, Path workDir) {
        return train(base, data, Set.of(), spec, workDir);
    }

    /**
     * @param base an FP32 bundle whose encoder the heads sit on
     * @param data the data set: train (validation when present) to fit on; its intents are the outputs
     * @param contextJudges training examples on which a context-aware head's reliance on the context is judged before
     *     it is trained on them too (the newest feedback); empty: the validation split or cross-validation judges
     * @param spec names and records
     * @param workDir where the graphs and the bundle are written
     * @return the FP32 bundle
     */
    public ModelBundle train(ModelBundle base, Dataset data, Set<LabeledSnippet> contextJudges, Spec spec,
            Path workDir) {
        BundleManifest manifest = base.manifest();
        // A context-aware base stays context-aware: its heads are retrained on the same slots.
        Optional<ContextInputs> context = HeadFusion.contextInputs(manifest.context());
        OnnxGraph sentence = OnnxGraph.read(base.modelFile());
        sentence.addFloatOutput(SentenceEmbeddingGraph.OUTPUT, 2);
        sentence.keepOutputs(List.of(SentenceEmbeddingGraph.OUTPUT));
        Path sentenceFile = sentence.write(workDir.resolve("sentence.onnx"));
        BundleTraining.Heads heads;
        try (FeatureExtractor extractor = FeatureExtractor.ofGraph(sentenceFile, base.tokenizerFile(),
                manifest.maxTokens(), Sha256.ofFile(sentenceFile))) {
            heads = BundleTraining.trainHeads(extractor, data, options, progress, context
                    .map(c -> ContextTraining.of(c.slots()).judgedOn(contextJudges)).orElse(ContextTraining.none()));
        }
        Map<String, String> provenance = new LinkedHashMap<>(spec.provenance());
        provenance.put("trainExamples", Integer.toString(data.train().size()));
        if (heads.intents() != null) {
            provenance.put("intentCost", Double.toString(heads.intents().head().regularization()));
        }
        if (heads.reputation() != null) {
            provenance.put("reputationCost", Double.toString(heads.reputation().head().regularization()));
        }
        heads.recordContext(provenance);
        OnnxGraph graph = OnnxGraph.read(sentenceFile);
        HeadFusion.fuse(graph, heads.list(), context);
        Map<String, BundleManifest.Head> entries = heads.list().stream().collect(Collectors.toMap(LinearHead::role,
                LinearHead::manifestEntry, (a, b) -> a, LinkedHashMap::new));
        return BundleBuilder.write(graph, base.tokenizerFile(), manifest.baseModel(), entries,
                new BundleBuilder.Spec(spec.name(), spec.version(), manifest.maxTokens(), "fp32", Map.of(),
                        provenance, manifest.context()), workDir.resolve("bundle"));
    }

    /**
     * The one call of head training in the learning loop, on embeddings computed beforehand (a learning curve embeds
     * its data once and retrains on growing subsets of it).
     *
     * @param train embeddings and labels of the data set's train split
     * @param validation embeddings and labels of its validation split, or {@code null} to cross-validate
     * @param data the data set (which heads, intent outputs, single- or multi-label)
     * @return the heads
     */
    public BundleTraining.Heads trainHeads(Examples train, Examples validation, Dataset data) {
        return BundleTraining.trainHeads(train, validation, data, options, progress);
    }
}
