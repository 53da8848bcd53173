package dev.sift.modelops.cli;

import dev.sift.modelops.bundle.BundlePacker;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.encoder.StudentEncoder;
import dev.sift.modelops.finetune.BundleTeacher;
import dev.sift.modelops.finetune.ConfidenceTeacher;
import dev.sift.modelops.finetune.Distillation;
import dev.sift.modelops.finetune.EncoderFineTuning;
import dev.sift.modelops.finetune.FineTuneOptions;
import dev.sift.modelops.finetune.FineTuneReport;
import dev.sift.modelops.finetune.Objective;
import dev.sift.modelops.finetune.ValidationPlan;
import dev.sift.modelops.onnx.LayerSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fine-tunes the encoder on labeled data, judged on a validation split as it trains, then trains and fuses heads on it
 * as {@code train} does; the run's report and loss/accuracy chart are written beside the fine-tuned graph.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune the encoder itself on labeled data (DJL, PyTorch engine), then train intent and"
                + " reputation heads on it and write a model bundle.")
final class FinetuneCommand implements Callable<Integer> {

    private static final FineTuneOptions DEFAULTS = FineTuneOptions.defaults();

    @Mixin
    DatasetOptions data;

    @Mixin
    EncoderOptions encoder;

    @Mixin
    EmbeddingRankOption embeddingRank;

    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the train split (default 3).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Snippets per step (default 32).")
    int batchSize;

    @Option(names = "--max-steps", defaultValue = "0",
            description = "Stop after this many steps; the schedule decays over them (default 0: every epoch).")
    int maxSteps;

    @Option(names = "--learning-rate", defaultValue = "5e-5", description = "Peak rate of the encoder (default 5e-5).")
    float learningRate;

    @Option(names = "--head-learning-rate", defaultValue = "1e-2",
            description = "Peak rate of the fine-tuning head (default 1e-2).")
    float headLearningRate;

    @Option(names = "--warmup", defaultValue = "0.1", description = "Share of steps warming up (default 0.1).")
    float warmup;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay (default 0.01).")
    float weightDecay;

    @Option(names = "--training-seed", defaultValue = "0",
            description = "Seed of the example order and the head's start (default 0).")
    long trainingSeed;

    @Option(names = "--objective", defaultValue = "SIGMOID",
            description = "Fine-tuning loss: SIGMOID (one sigmoid per label, default) or SOFTMAX (single-label data).")
    Objective objective;

    @Option(names = "--train-word-embeddings", defaultValue = "false",
            description = "Also train the word embedding table (default: frozen).")
    boolean trainWordEmbeddings;

    @Option(names = "--layer-decay", defaultValue = "1",
            description = "Layer-wise learning-rate decay in (0, 1]: each attention layer below the top trains at this"
                    + " factor of the rate above it (default 1: none).")
    float layerDecay;

    @Option(names = "--layers",
            description = "Keep only the encoder's first N transformer layers: a shallower, smaller student that"
                    + " starts from the encoder's own weights; pooling over the last k layers averages the last"
                    + " min(k, N) (default: every layer).")
    Integer layers;

    @Option(names = "--keep-layers",
            description = "Keep only these transformer layers, by index from the bottom, ascending, e.g. 0,2,4 (every"
                    + " other layer of six). Each kept layer reads the one kept below it; pooling over the last k"
                    + " layers averages the last min(k, kept).")
    String keepLayers;

    @Option(names = "--no-validation", defaultValue = "false",
            description = "Train every planned step and keep the last weights, without a validation split.")
    boolean noValidation;

    @Option(names = "--validation-data",
            description = "Labeled examples (JSONL or CSV, every split) to validate on, instead of the data set's"
                    + " validation split; heads are then chosen on them too.")
    Path validationData;

    @Option(names = "--validation-share", defaultValue = "0.1",
            description = "Share of the train split held out (seeded, stratified by label) when there is no"
                    + " validation split (default 0.1).")
    double validationShare;

    @Option(names = "--eval-every", defaultValue = "0",
            description = "Steps between evaluations on the validation split (default 0: a tenth of the run).")
    int evalEvery;

    @Option(names = "--patience", defaultValue = "3",
            description = "Stop after this many evaluations without a better validation score (default 3; 0: never)."
                    + " The best weights are kept either way.")
    int patience;

    @Option(names = "--teacher",
            description = "A model bundle whose probabilities the student learns from as well as the hard labels"
                    + " (distillation); its labels are matched to the student's by name.")
    Path teacher;

    @Option(names = "--soft-labels", defaultValue = "false",
            description = "Learn from the data's per-intent confidences (the learning loop's LLM labels carry them)"
                    + " as well as the hard labels, where an example has them.")
    boolean softLabels;

    @Option(names = "--distill-weight",
            description = "Share of the teacher's term in the loss, in [0, 1] (default 0.5; needs --teacher or"
                    + " --soft-labels).")
    Float distillWeight;

    @Option(names = "--temperature",
            description = "Distillation temperature, in (0, 100] (default 2 with --teacher, 1 with --soft-labels).")
    Float temperature;

    @Option(names = "--name", defaultValue = "sift-finetuned", description = "Bundle family name.")
    String name;

    @Option(names = "--out", description = "Bundle directory (default: $SIFT_HOME/bundles/<version>).")
    Path out;

    @Option(names = "--archive", description = "Also write the single-file archive here.")
    Path archive;

    @Override
    public Integer call() {
        int threads = encoder.threads != null ? encoder.threads : DEFAULTS.threads();
        // Before the data is read: a wrong teacher or option is refused at once.
        Distillation distillation = distillation(threads);
        FineTuneOptions options = new FineTuneOptions(epochs, batchSize, maxSteps, learningRate, headLearningRate,
                warmup, weightDecay, trainingSeed, threads, objective, !trainWordEmbeddings, layerDecay,
                validationPlan());
        // Also before the data: both rewrites read the graph, and refuse what they cannot take.
        Encoder base = embeddingRank.apply(layerSelection().map(this::student).orElseGet(encoder::encoder));
        Dataset dataset = withValidationData(data.read());
        ConsoleProgress progress = new ConsoleProgress();
        EncoderFineTuning.Result tuned = new EncoderFineTuning(options, encoder.maxTokens,
                SiftHome.work(), progress, distillation).run(base, dataset);
        Map<String, Double> metrics = new LinkedHashMap<>();
        FineTuneReport report = tuned.report();
        if (report != null) {
            System.out.printf("fine-tuned %,d values in %d steps (%.3f s/step), loss %.4f -> %.4f%n",
                    report.trainedValues(), report.steps(), report.secondsPerStep(), report.firstLoss(20),
                    report.lastLoss(20));
            metrics.put("finetune.steps", (double) report.steps());
            metrics.put("finetune.secondsPerStep", report.secondsPerStep());
            metrics.put("finetune.lossFirst20", report.firstLoss(20));
            metrics.put("finetune.lossLast20", report.lastLoss(20));
            report.best().ifPresent(best -> {
                System.out.printf("validation: %d evaluations, weights of step %d of %d kept (accuracy %.4f, loss"
                        + " %.4f)%s, %.1f s evaluating%n", report.validation().size(), best.step(),
                        report.plannedSteps(), best.accuracy(), best.loss(),
                        report.stoppedEarly() ? ", stopped early at step " + report.steps() : "",
                        report.validationSeconds());
                metrics.put("finetune.plannedSteps", (double) report.plannedSteps());
                metrics.put("finetune.bestStep", (double) best.step());
                metrics.put("finetune.validationAccuracy", best.accuracy());
                metrics.put("finetune.validationLoss", best.loss());
                metrics.put("finetune.stoppedEarly", report.stoppedEarly() ? 1.0 : 0.0);
            });
            if (distillation != null) {
                System.out.printf("teacher %s (weight %.2f, temperature %.2f): divergence %.4f -> %.4f%n",
                        teacher != null ? teacher : "label confidences",
                        distillation.weight(), distillation.temperature(), report.firstTeacherDivergence(20),
                        report.lastTeacherDivergence(20));
                metrics.put("finetune.distillWeight", (double) distillation.weight());
                metrics.put("finetune.temperature", (double) distillation.temperature());
                metrics.put("finetune.teacherDivergenceFirst20", report.firstTeacherDivergence(20));
                metrics.put("finetune.teacherDivergenceLast20", report.lastTeacherDivergence(20));
            }
        } else {
            System.out.println("reusing the encoder fine-tuned earlier with the same data and recipe");
        }
        System.out.println("encoder " + tuned.encoder().onnx());
        if (tuned.files() != null) {
            System.out.println("report  " + tuned.files().report());
            System.out.println("chart   " + tuned.files().chart());
        }
        BundleTraining training = new BundleTraining(tuned.encoder(), SiftHome.work(), encoder.maxTokens,
                encoder.training(), progress);
        String version = training.versionFor(name, tuned.headData());
        Path target = out != null ? out : SiftHome.bundles().resolve(version);
        BundleTraining.Result result = training.train(tuned.headData(), name, version, metrics, target);
        System.out.println("bundle " + version + " at " + result.bundle().directory());
        System.out.println("selection: " + result.summary());
        if (archive != null) {
            System.out.println("archive " + BundlePacker.pack(result.bundle(), archive));
        }
        return 0;
    }

    /**
     * The teacher from the options, checked before anything is trained; null without {@code --teacher} or
     * {@code --soft-labels}.
     */
    private Distillation distillation(int threads) {
        if (teacher != null && softLabels) {
            throw new IllegalArgumentException("--teacher and --soft-labels are two teachers: choose one");
        }
        if (teacher == null && !softLabels) {
            if (distillWeight != null || temperature != null) {
                throw new IllegalArgumentException("--distill-weight and --temperature need --teacher <bundle> or"
                        + " --soft-labels");
            }
            return null;
        }
        float weight = distillWeight != null ? distillWeight : Distillation.DEFAULT_WEIGHT;
        if (softLabels) {
            // A labeler's confidences are probabilities to match as they are; softening is for a model's logits.
            return new Distillation(new ConfidenceTeacher(), weight, temperature != null ? temperature : 1f);
        }
        return new Distillation(new BundleTeacher(teacher, threads), weight,
                temperature != null ? temperature : Distillation.DEFAULT_TEMPERATURE);
    }

    /** The layers {@code --layers} or {@code --keep-layers} keep; empty when every layer is kept. */
    private Optional<LayerSelection> layerSelection() {
        if (layers != null && keepLayers != null) {
            throw new IllegalArgumentException("--layers and --keep-layers both choose the layers: give one");
        }
        if (layers != null) {
            return Optional.of(LayerSelection.first(layers));
        }
        return Optional.ofNullable(keepLayers).map(LayerSelection::parse);
    }

    /**
     * The student made of the chosen layers of the chosen encoder. Its graph is read here, so a layer the encoder
     * does not have is refused before the data is read.
     */
    private Encoder student(LayerSelection selection) {
        Encoder base = encoder.encoder();
        Encoder student = StudentEncoder.of(base, selection, SiftHome.work());
        System.out.printf("student: layers %s of %s, pooled over its last %d, %s%n", selection, base.name(),
                student.layers(), student.onnx());
        return student;
    }

    private ValidationPlan validationPlan() {
        if (noValidation) {
            if (validationData != null) {
                throw new IllegalArgumentException("--no-validation and --validation-data contradict each other");
            }
            return ValidationPlan.NONE;
        }
        return ValidationPlan.of(evalEvery, patience, validationShare);
    }

    /** The data set, its validation split replaced by {@code --validation-data} when given. */
    private Dataset withValidationData(Dataset dataset) {
        if (validationData == null) {
            return dataset;
        }
        Dataset file = DatasetOptions.readFile(validationData);
        List<LabeledSnippet> validation = new ArrayList<>(file.train());
        validation.addAll(file.validation());
        validation.addAll(file.test());
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("--validation-data " + validationData + " holds no examples");
        }
        return Dataset.of(dataset.name(), dataset.train(), validation, dataset.test());
    }
}
