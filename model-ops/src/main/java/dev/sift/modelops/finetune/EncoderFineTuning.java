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
 * it like any other encoder. With validation planned, the run is judged on the data set's validation split (or a
 * seeded, stratified share of its train split) and the weights it chose are written; the run's report and chart go
 * beside the graph. Runs are seeded, so a graph already fine-tuned with the same encoder, data and recipe is reused
 * rather than trained again.
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
     * @param headData the data set its bundle's heads are fitted on ({@link FineTuneData#forHeads})
     * @param report what the run did; null when an earlier run's graph was reused
     * @param files the run's JSON report and chart, beside the graph; null when a reused graph has none
     */
    public record Result(Encoder encoder, Dataset headData, FineTuneReport report, FineTuneReportFiles.Written files) {
    }

    /**
     * @param base the pretrained encoder
     * @param dataset labeled data: its train split is learned
     * @return the fine-tuned encoder
     */
    public Result run(Encoder base, Dataset dataset) {
        FineTuneData data = FineTuneData.of(dataset, options);
        String key = key(base, data);
        Path directory = workDir.resolve("finetuned");
        Path target = directory.resolve(key + ".onnx");
        if (Files.exists(target)) {
            return new Result(fineTuned(base, target, key), data.forHeads(dataset), null,
                    FineTuneReportFiles.existing(directory, key).orElse(null));
        }
        OnnxGraph graph = OnnxGraph.read(base.onnx());
        FineTuneReport report;
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(options.threads()).defaultDevice(),
                PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(base.tokenizer(), maxTokens)) {
            OnnxModule module = OnnxModule.of(graph, base.pooling(), base.layers(), manager);
            // The run ends with the weights its validation split chose, so those are the ones written back.
            report = new FineTuner(options, progress).fineTune(module, tokenizer, data, manager, distillation);
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
        FineTuneReportFiles.Written files = FineTuneReportFiles.write(report,
                base.name() + " on " + dataset.name(), directory, key);
        return new Result(fineTuned(base, target, key), data.forHeads(dataset), report, files);
    }

    private static Encoder fineTuned(Encoder base, Path onnx, String key) {
        return new Encoder(base.name() + " fine-tuned " + key, base.source() + ", fine-tuned by model-ops", onnx,
                base.tokenizer(), base.pooling(), base.layers(), Sha256.ofFile(onnx));
    }

    /**
     * The encoder, the recipe, every training example with its labels (and confidences, which a teacher may read)
     * and every validation example (which decides where the run stops): what decides the weights.
     */
    private String key(Encoder base, FineTuneData data) {
        StringBuilder key = new StringBuilder("finetune-2\n").append(base.sha256()).append(base.pooling())
                .append(base.layers()).append('/').append(maxTokens).append('\n').append(options).append('\n');
        if (distillation != null) {
            key.append(distillation.identity()).append('\n');
        }
        for (LabeledSnippet s : data.train()) {
            append(key, s);
        }
        if (!data.validation().isEmpty()) {
            key.append("validation\n");
            data.validation().forEach(s -> append(key, s));
        }
        return Sha256.of(key.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static void append(StringBuilder key, LabeledSnippet s) {
        key.append(s.text()).append('\t').append(new TreeSet<>(s.intents())).append('\t').append(s.polarity());
        if (!s.confidences().isEmpty()) {
            key.append('\t').append(s.confidences());
        }
        key.append('\n');
    }
}
