package dev.sift.classifier.onnx;

import ai.onnxruntime.OrtException;
import dev.sift.classifier.Classification;
import dev.sift.classifier.ClassificationException;
import dev.sift.classifier.ClassifierStats;
import dev.sift.classifier.ModelInfo;
import dev.sift.classifier.ResourceGuard;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.BundleManifest.Head;
import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.context.ContextInputs;
import dev.sift.classifier.context.ContextSlot;
import dev.sift.classifier.context.ContextualText;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The classifier of a model bundle: its tokenizer and its ONNX graph, whose named outputs already are calibrated
 * probabilities (pooling, heads, calibration and activations are inside the graph: no math happens here).
 *
 * <p>Opening checks that the graph loads, has the outputs the manifest names, and that a probe inference yields
 * probabilities of the right width. Thread-safe; {@link #close()} frees the session and tokenizer once, after
 * running calls finish.
 */
public final class OnnxClassifier implements SnippetClassifier {

    private static final float PROBABILITY_TOLERANCE = 1e-3f;

    private final ModelInfo info;
    private final SnippetTokenizer tokenizer;
    private final OnnxModel model;
    private final TextBatchRunner runner;
    private final Optional<Head> intentHead;
    private final Optional<Head> reputationHead;
    /** The context the graph reads and the output of each turn's embedding; absent for a context-free bundle. */
    private final Optional<ContextInputs> contextInputs;
    private final Optional<String> embeddingOutput;
    private final List<String> contextInputNames;
    private final ClassifierStats stats = new ClassifierStats();
    /** A classify call in progress always completes before the session and tokenizer are freed. */
    private final ResourceGuard guard;

    private OnnxClassifier(ModelBundle bundle, SnippetTokenizer tokenizer, OnnxModel model, InferenceSettings settings) {
        BundleManifest manifest = bundle.manifest();
        this.tokenizer = tokenizer;
        this.model = model;
        this.intentHead = manifest.intents();
        this.reputationHead = manifest.reputation();
        List<String> outputs = new ArrayList<>();
        intentHead.ifPresent(h -> outputs.add(h.output()));
        reputationHead.ifPresent(h -> outputs.add(h.output()));
        this.contextInputs = Optional.ofNullable(manifest.context()).map(OnnxClassifier::contextInputs);
        this.embeddingOutput = Optional.ofNullable(manifest.context()).map(BundleManifest.Context::embeddingOutput);
        embeddingOutput.ifPresent(outputs::add);
        this.contextInputNames = contextInputs.map(c -> c.slots().stream().map(ContextSlot::inputName).toList())
                .orElse(List.of());
        this.runner = new TextBatchRunner(tokenizer, model, outputs, settings.maxBatchSize());
        this.guard = new ResourceGuard("classifier " + manifest.version());
        this.info = new ModelInfo(manifest.version(),
                manifest.baseModel() == null ? "unknown" : manifest.baseModel().name(),
                intentHead.map(Head::labels).orElse(List.of()),
                reputationHead.map(Head::labels).orElse(List.of()),
                manifest.maxTokens(), manifest.precision() == null ? "fp32" : manifest.precision(),
                contextInputs.orElse(null));
    }

    private static ContextInputs contextInputs(BundleManifest.Context context) {
        try {
            if (context.embeddingOutput() == null || context.embeddingOutput().isBlank()) {
                throw new IllegalArgumentException("it names no embedding output");
            }
            return new ContextInputs(context.slots().stream().map(ContextSlot::of).toList(), context.width());
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException("the manifest's context is not usable: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the classifier of a verified bundle.
     *
     * @param bundle a bundle from {@link ModelBundle#open}
     * @param settings threads and batch size
     * @return the classifier, probed and ready
     * @throws InvalidBundleException when the graph or tokenizer cannot be loaded or contradicts the manifest
     */
    public static OnnxClassifier open(ModelBundle bundle, InferenceSettings settings) {
        SnippetTokenizer tokenizer;
        try {
            tokenizer = SnippetTokenizer.load(bundle.tokenizerFile(), bundle.manifest().maxTokens());
        } catch (IOException e) {
            throw new InvalidBundleException("tokenizer of bundle " + bundle.version() + " cannot be loaded: "
                    + e.getMessage(), e);
        }
        OnnxModel model;
        try {
            model = new OnnxModel(bundle.modelFile(), settings);
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            throw new InvalidBundleException("graph " + bundle.manifest().modelFile() + " of bundle "
                    + bundle.version() + " cannot be loaded by ONNX Runtime: " + e.getMessage(), e);
        }
        OnnxClassifier classifier = new OnnxClassifier(bundle, tokenizer, model, settings);
        try {
            classifier.probe();
            return classifier;
        } catch (RuntimeException e) {
            classifier.close();
            throw e instanceof InvalidBundleException ? e : new InvalidBundleException("bundle " + bundle.version()
                    + " does not match its graph: " + e.getMessage(), e);
        }
    }

    /** Checks output names, widths and value ranges on one inference. */
    private void probe() {
        probeContext();
        for (Head head : List.of(intentHead, reputationHead).stream().flatMap(Optional::stream).toList()) {
            long width = model.outputWidth(head.output());
            if (width > 0 && width != head.labels().size()) {
                throw new InvalidBundleException("graph output '" + head.output() + "' has " + width
                        + " columns but the manifest lists " + head.labels().size() + " labels");
            }
        }
        Classification c = classify("probe: is this model wired correctly?");
        check(intentHead, c.intentScores());
        check(reputationHead, c.reputationScores());
    }

    /** The graph's context inputs must be exactly the manifest's, of its width, and so must the embedding output. */
    private void probeContext() {
        Map<String, Integer> graphInputs = model.contextInputs();
        if (contextInputs.isEmpty()) {
            if (!graphInputs.isEmpty()) {
                throw new InvalidBundleException("the graph reads context inputs " + graphInputs.keySet()
                        + " but the manifest declares no context");
            }
            return;
        }
        ContextInputs declared = contextInputs.get();
        Map<String, Integer> expected = new TreeMap<>();
        contextInputNames.forEach(name -> expected.put(name, declared.width()));
        if (!expected.equals(new TreeMap<>(graphInputs))) {
            throw new InvalidBundleException("the manifest declares context inputs " + expected
                    + " but the graph reads " + graphInputs);
        }
        long width = model.outputWidth(embeddingOutput.orElseThrow());
        if (width > 0 && width != declared.width()) {
            throw new InvalidBundleException("graph output '" + embeddingOutput.get() + "' has " + width
                    + " columns but the manifest's context width is " + declared.width());
        }
    }

    private static void check(Optional<Head> head, float[] scores) {
        if (head.isEmpty()) {
            return;
        }
        Head h = head.get();
        if (scores.length != h.labels().size()) {
            throw new InvalidBundleException("graph output '" + h.output() + "' yields " + scores.length
                    + " values but the manifest lists " + h.labels().size() + " labels");
        }
        float sum = 0;
        for (float p : scores) {
            if (!(p >= -PROBABILITY_TOLERANCE && p <= 1 + PROBABILITY_TOLERANCE)) {
                throw new InvalidBundleException("graph output '" + h.output() + "' is not a probability: " + p);
            }
            sum += p;
        }
        if ("softmax".equals(h.activation()) && Math.abs(sum - 1f) > 0.01f) {
            throw new InvalidBundleException("graph output '" + h.output() + "' should sum to 1 (softmax), sums to "
                    + sum);
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public List<Classification> classify(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        return guard.use(() -> classifyOpen(texts));
    }

    @Override
    public List<Classification> classifyInContext(List<ContextualText> turns) {
        if (contextInputs.isEmpty()) {
            return classify(turns.stream().map(ContextualText::text).toList());
        }
        if (turns.isEmpty()) {
            return List.of();
        }
        ContextInputs declared = contextInputs.get();
        List<String> texts = new ArrayList<>(turns.size());
        List<float[][]> context = new ArrayList<>(turns.size());
        for (ContextualText turn : turns) {
            if (turn.memory().width() != declared.width()) {
                throw new IllegalArgumentException("a thread memory of width " + turn.memory().width()
                        + " cannot be read by model " + info.version() + " of width " + declared.width());
            }
            texts.add(turn.text());
            context.add(declared.slots().stream().map(turn.memory()::slot).toArray(float[][]::new));
        }
        return guard.use(() -> classifyOpen(texts, context));
    }

    private List<Classification> classifyOpen(List<String> texts) {
        return classifyOpen(texts, null);
    }

    private List<Classification> classifyOpen(List<String> texts, List<float[][]> context) {
        long start = System.nanoTime();
        try {
            List<TextBatchRunner.Row> rows = runner.run(texts, contextInputNames, context);
            List<Classification> out = new ArrayList<>(rows.size());
            int truncated = 0;
            for (TextBatchRunner.Row row : rows) {
                float[] intents = intentHead.map(h -> row.outputs().get(h.output())).orElse(new float[0]);
                float[] reputation = reputationHead.map(h -> row.outputs().get(h.output())).orElse(new float[0]);
                float[] embedding = embeddingOutput.map(name -> row.outputs().get(name)).orElse(new float[0]);
                out.add(new Classification(info.intents(), intents, info.reputationClasses(), reputation,
                        row.tokens().tokenCount(), row.tokens().truncated(), embedding));
                truncated += row.tokens().truncated() ? 1 : 0;
            }
            stats.record(texts.size(), truncated, System.nanoTime() - start);
            return out;
        } catch (OrtException e) {
            throw new ClassificationException("inference failed for " + texts.size() + " snippets with model "
                    + info.version() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ClassifierStats stats() {
        return stats;
    }

    @Override
    public void close() {
        guard.close(() -> {
            model.close();
            tokenizer.close();
        });
    }
}
