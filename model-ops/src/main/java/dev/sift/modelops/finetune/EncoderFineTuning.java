package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDManager;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.OnnxGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.TreeSet;

/**
 * Fine-tunes an encoder on a data set's train split and writes the result as a new encoder: the same graph with the
 * trained weights, the same tokenizer and pooling. Head training, fusion, optimization and bundle writing then take
 * it like any other encoder. Runs are seeded, so a graph already fine-tuned with the same encoder, data and recipe is
 * reused rather than trained again.
 */
public final class EncoderFineTuning {

    private final FineTuneOptions options;
    private final int maxTokens;
    private final Path workDir;
    private final Progress progress;
    private final Distillation distillation;

    /**
     * @param options the recipe
     * @param maxTokens tokens per snippet
     * @param workDir where fine-tuned graphs are kept ({@code finetuned/} inside it)
     * @param progress progress reporting
     */
    public EncoderFineTuning(FineTuneOptions options, int maxTokens, Path workDir, Progress progress) {
        this(options, maxTokens, workDir, progress, null);
    }

    /**
     * @param options the recipe
     * @param maxTokens tokens per snippet
     * @param workDir where fine-tuned graphs are kept ({@code finetuned/} inside it)
     * @param progress progress reporting
     * @param distillation a teacher to learn from as well as the hard labels; null for the hard labels alone
     */
    public EncoderFineTuning(FineTuneOptions options, int maxTokens, Path workDir, Progress progress,
            Distillation distillation) {
        this.options = options;
        this.maxTokens = maxTokens;
        this.workDir = workDir;
        this.progress = progress;
        this.distillation = distillation;
    }

    /**
     * A fine-tuned encoder.
     *
     * @param encoder the encoder with the trained weights
     * @param report what the run did; null when an earlier run's graph was reused
     */
    public record Result(Encoder encoder, FineTuneReport report) {
    }

    /**
     * @param base the pretrained encoder
     * @param dataset labeled data: its train split is learned
     * @return the fine-tuned encoder
     */
    public Result run(Encoder base, Dataset dataset) {
        String key = key(base, dataset);
        Path target = workDir.resolve("finetuned").resolve(key + ".onnx");
        if (Files.exists(target)) {
            return new Result(fineTuned(base, target, key), null);
        }
        OnnxGraph graph = OnnxGraph.read(base.onnx());
        FineTuneReport report;
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(options.threads()).defaultDevice(),
                PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(base.tokenizer(), maxTokens)) {
            OnnxModule module = OnnxModule.of(graph, base.pooling(), base.layers(), manager);
            report = new FineTuner(options, progress).fineTune(module, tokenizer, dataset.train(),
                    TaskLabels.of(dataset), manager, distillation);
            WeightWriteBack.write(module, graph);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the tokenizer of " + base.name(), e);
        }
        try {
            Path partial = graph.write(target.resolveSibling(key + ".onnx.partial"));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fine-tuned encoder " + target, e);
        }
        return new Result(fineTuned(base, target, key), report);
    }

    private static Encoder fineTuned(Encoder base, Path onnx, String key) {
        return new Encoder(base.name() + " fine-tuned " + key, base.source() + ", fine-tuned by model-ops", onnx,
                base.tokenizer(), base.pooling(), base.layers(), Sha256.ofFile(onnx));
    }

    /** The encoder, the recipe and every training example with its labels: what decides the weights. */
    private String key(Encoder base, Dataset dataset) {
        StringBuilder key = new StringBuilder("finetune-1\n").append(base.sha256()).append(base.pooling())
                .append(base.layers()).append('/').append(maxTokens).append('\n').append(options).append('\n');
        if (distillation != null) {
            // Only with a teacher: graphs fine-tuned on hard labels before distillation existed keep their key.
            key.append(distillation.identity()).append('\n');
        }
        for (LabeledSnippet s : dataset.train()) {
            key.append(s.text()).append('\t').append(new TreeSet<>(s.intents())).append('\t').append(s.polarity())
                    .append('\n');
        }
        return Sha256.of(key.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
