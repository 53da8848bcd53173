package dev.sift.modelops.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.classifier.tokenize.TokenizedText;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Fine-tunes an {@link OnnxModule} together with a linear head on labeled snippets: sigmoid binary cross-entropy per
 * label (multi-label, like the project's heads) or a softmax cross-entropy ({@link Objective}), optionally with a
 * teacher's probabilities as well ({@link Distillation}); AdamW with warm-up and linear decay, optionally decayed layer
 * by layer ({@link PeakRates}); judged on a validation split as it trains, stopped early and ended with its best
 * weights when the options plan it ({@link ValidationRun}). Examples come in a seeded order and the head's initial
 * values from a seeded generator, so the same data and seed give the same weights.
 */
public final class FineTuner {

    private final FineTuneOptions options;
    private final Progress progress;

    /**
     * @param options the recipe
     * @param progress progress reporting (an ETA on the console)
     */
    public FineTuner(FineTuneOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Trains the module's weights in place (the word embedding table frozen when the options say so).
     *
     * @param module the encoder module (its weights change)
     * @param tokenizer the encoder's tokenizer
     * @param train the training snippets
     * @param labels what the head predicts
     * @param manager owns the head and the optimizer state
     * @return what the run did
     */
    public FineTuneReport fineTune(OnnxModule module, SnippetTokenizer tokenizer, List<LabeledSnippet> train,
            TaskLabels labels, NDManager manager) {
        return fineTune(module, tokenizer, new FineTuneData(train, List.of(), labels), manager, null);
    }

    /**
     * Trains the module's weights in place, learning from a teacher's probabilities as well as the hard labels.
     *
     * @param module the encoder module (its weights change)
     * @param tokenizer the encoder's tokenizer
     * @param train the training snippets
     * @param labels what the head predicts
     * @param manager owns the head and the optimizer state
     * @param distillation the teacher, its weight and temperature; null for the hard labels alone
     * @return what the run did
     * @throws IllegalArgumentException when the teacher has none of the student's labels
     */
    public FineTuneReport fineTune(OnnxModule module, SnippetTokenizer tokenizer, List<LabeledSnippet> train,
            TaskLabels labels, NDManager manager, Distillation distillation) {
        return fineTune(module, tokenizer, new FineTuneData(train, List.of(), labels), manager, distillation);
    }

    /**
     * Trains the module's weights in place. When the options plan validation, the run is judged on the data's
     * validation examples as it trains, stops when they stop improving, and ends with the weights that scored best.
     *
     * @param module the encoder module (its weights change)
     * @param tokenizer the encoder's tokenizer
     * @param data what the run learns from and is judged on
     * @param manager owns the head and the optimizer state
     * @param distillation the teacher, its weight and temperature; null for the hard labels alone
     * @return what the run did
     * @throws IllegalArgumentException when the teacher has none of the student's labels, or validation is planned
     *     and there are no validation examples
     */
    public FineTuneReport fineTune(OnnxModule module, SnippetTokenizer tokenizer, FineTuneData data,
            NDManager manager, Distillation distillation) {
        List<LabeledSnippet> train = data.train();
        TaskLabels labels = data.labels();
        if (train.isEmpty()) {
            throw new IllegalArgumentException("nothing to fine-tune on: the training split is empty");
        }
        if (options.validation().enabled() && data.validation().isEmpty()) {
            throw new IllegalArgumentException("validation is planned, and there are no validation examples");
        }
        Engine engine = PyTorchEngine.start(options.threads());
        if (options.freezeWordEmbeddings()) {
            module.wordEmbeddings().ifPresent(module::freeze);
        }
        List<float[]> targets = train.stream().map(labels::target).toList();
        // The teacher scores first: a teacher that cannot teach this student stops the run before any training.
        DistillationLoss teacher = distillation == null ? null : DistillationLoss.of(options.objective(),
                distillation, distillation.teacher().probabilities(train, labels, progress), targets);
        engine.setRandomSeed((int) options.seed());
        Linear head = newHead(module.hiddenSize(), targets, manager);
        List<Parameter> encoderParameters = new ArrayList<>(module.getParameters().values());
        encoderParameters.removeIf(p -> !p.requiresGradient());
        List<Parameter> parameters = new ArrayList<>(encoderParameters);
        parameters.addAll(head.getParameters().values());
        parameters.removeIf(p -> !p.requiresGradient());

        List<TokenizedText> tokens = tokenizer.encodeAll(train.stream().map(LabeledSnippet::text).toList());
        int steps = options.plannedSteps(train.size());
        Optimizer optimizer = Optimizer.adamW()
                .optLearningRateTracker(new LearningRateSchedule(steps, options,
                        PeakRates.of(options, module, encoderParameters, head.getParameters().values())))
                .optWeightDecays(options.weightDecay()).build();
        Loss loss = options.objective().loss();
        ParameterStore store = new ParameterStore(manager, false);
        ValidationRun validation = options.validation().enabled()
                ? validationRun(module, head, tokenizer, data, store, manager, parameters, steps) : null;

        Random order = new Random(options.seed());
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            indices.add(i);
        }
        float[] losses = new float[steps];
        float[] divergences = new float[teacher == null ? 0 : steps];
        long examples = 0;
        long trained = parameters.stream().mapToLong(p -> p.getArray().size()).sum();
        long started = System.nanoTime();
        int step = 0;
        boolean stop = false;
        try (Progress.Task task = progress.start("Fine-tuning " + trained + " weights", steps)) {
            if (validation != null) {
                validation.evaluate(0);
                task.message(validation.summary());
            }
            while (step < steps && !stop) {
                Collections.shuffle(indices, order);
                for (int start = 0; start < indices.size() && step < steps && !stop;
                        start += options.batchSize()) {
                    List<Integer> batch = indices.subList(start, Math.min(indices.size(), start + options.batchSize()));
                    float[] value = step(engine, module, head, loss, teacher, store, manager, batch, tokens,
                            targets);
                    losses[step] = value[0];
                    if (teacher != null) {
                        divergences[step] = value[1];
                    }
                    update(optimizer, parameters);
                    examples += batch.size();
                    step++;
                    task.step();
                    if (validation != null && validation.due(step)) {
                        stop = validation.evaluate(step) && step < steps;
                        task.message(validation.summary());
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        float[] ranLosses = Arrays.copyOf(losses, step);
        float[] ranDivergences = Arrays.copyOf(divergences, teacher == null ? 0 : step);
        if (validation == null) {
            return new FineTuneReport(step, examples, ranLosses, seconds, trained, ranDivergences);
        }
        ValidationRun.Outcome outcome = validation.finish(stop);
        return new FineTuneReport(step, examples, ranLosses, seconds - outcome.seconds(), trained, ranDivergences,
                steps, outcome.points(), outcome.best().step(), outcome.stoppedEarly(), outcome.seconds());
    }

    private ValidationRun validationRun(OnnxModule module, Linear head, SnippetTokenizer tokenizer,
            FineTuneData data, ParameterStore store, NDManager manager, List<Parameter> parameters, int steps) {
        List<TokenizedText> tokens = tokenizer.encodeAll(data.validation().stream().map(LabeledSnippet::text)
                .toList());
        List<float[]> targets = data.validation().stream().map(data.labels()::target).toList();
        // Forward passes keep no activations for a backward pass, so twice the training batch costs no more memory.
        ValidationScorer scorer = new ValidationScorer(tokens, targets, options.objective(),
                2 * options.batchSize());
        return new ValidationRun(options.validation(), steps,
                step -> scorer.score(step, module, head, store, manager), new BestWeights(parameters, manager));
    }

    /** A linear head (DJL's default initialization, from the engine's seed) with its biases at the label priors. */
    private static Linear newHead(int hidden, List<float[]> targets, NDManager manager) {
        Linear head = Linear.builder().setUnits(targets.get(0).length).build();
        head.initialize(manager, DataType.FLOAT32, new Shape(1, hidden));
        startAtPriors(head, targets, manager);
        return head;
    }

    /**
     * Starts each label's bias at the log-odds of its frequency. With many labels, each rare, a head starting at 0
     * spends its first hundreds of steps learning that every label is unlikely, and sends the encoder that gradient
     * instead of what tells the labels apart.
     */
    private static void startAtPriors(Linear head, List<float[]> targets, NDManager manager) {
        int labels = targets.get(0).length;
        float[] logOdds = new float[labels];
        for (int j = 0; j < labels; j++) {
            double positives = 0.5;
            for (float[] row : targets) {
                positives += row[j];
            }
            double p = positives / (targets.size() + 1.0);
            logOdds[j] = (float) Math.log(p / (1 - p));
        }
        NDArray bias = head.getParameters().get("bias").getArray();
        bias.setRequiresGradient(false);
        bias.set(new NDIndex(":"), manager.create(logOdds));
        bias.setRequiresGradient(true);
    }

    /**
     * Forward and backward on one batch: every array it creates is closed at the end, the gradients stay.
     *
     * @return the loss, then (with a teacher) the divergence from the teacher
     */
    private static float[] step(Engine engine, OnnxModule module, Linear head, Loss loss, DistillationLoss teacher,
            ParameterStore store, NDManager manager, List<Integer> batch, List<TokenizedText> tokens,
            List<float[]> targets) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            PaddedBatch padded = PaddedBatch.of(batch.stream().map(tokens::get).toList());
            NDList inputs = ModelInputs.of(module.inputNames(), padded, manager);
            float[][] rows = batch.stream().map(targets::get).toArray(float[][]::new);
            NDArray target = manager.create(rows);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray embeddings = module.forward(store, inputs, true).singletonOrThrow();
                NDArray logits = head.forward(store, new NDList(embeddings), true).singletonOrThrow();
                if (teacher == null) {
                    NDArray value = loss.evaluate(new NDList(target), new NDList(logits));
                    collector.backward(value);
                    return new float[] {value.getFloat()};
                }
                DistillationLoss.Value value = teacher.evaluate(logits, target, batch, manager);
                collector.backward(value.loss());
                return new float[] {value.loss().getFloat(), value.teacherDivergence()};
            }
        }
    }

    /** Outside the step's scope: the optimizer's state created on the first update must outlive it. */
    private static void update(Optimizer optimizer, List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(parameter.getId(), weight, gradient);
                gradient.subi(gradient);
            }
        }
    }
}
