package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.context.ContextInputs;
import dev.sift.classifier.context.ContextSlot;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.context.ContextTraining;
import dev.sift.modelops.context.TurnFeatures;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.dataset.Polarities;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.encoder.FeatureExtractor;
import dev.sift.modelops.train.ContextHeadTrainer;
import dev.sift.modelops.train.Examples;
import dev.sift.modelops.train.HeadTrainer;
import dev.sift.modelops.train.LinearHead;
import dev.sift.modelops.train.TrainingOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Builds a bundle from labeled data: embed with the encoder, train and calibrate the heads that the data supports
 * (intents when it has intents, reputation when it has polarities), fuse them and write the bundle.
 */
public final class BundleTraining {

    /** Bumped whenever how bundles are built changes, so cached bundles of an older recipe are rebuilt. */
    private static final String RECIPE = "recipe-5";

    /**
     * Bumped whenever how a context-aware intent head leans on the context changes; a part of the version of
     * context-aware bundles only, so context-free bundles keep theirs.
     */
    private static final String CONTEXT_RECIPE = "context-scales-1";

    private final Encoder encoder;
    private final Path workDir;
    private final int maxTokens;
    private final TrainingOptions options;
    private final Progress progress;
    /** What the intent head reads besides the turn and how its reliance on it is chosen; no slots: the turn alone. */
    private final ContextTraining context;

    /**
     * @param encoder the pretrained encoder
     * @param workDir cache of derived graphs
     * @param maxTokens tokens per snippet
     * @param options head training options
     * @param progress progress reporting
     */
    public BundleTraining(Encoder encoder, Path workDir, int maxTokens, TrainingOptions options, Progress progress) {
        this(encoder, workDir, maxTokens, options, progress, ContextTraining.none());
    }

    private BundleTraining(Encoder encoder, Path workDir, int maxTokens, TrainingOptions options, Progress progress,
            ContextTraining context) {
        this.encoder = encoder;
        this.workDir = workDir;
        this.maxTokens = maxTokens;
        this.options = options;
        this.progress = progress;
        this.context = context;
    }

    /**
     * The same training for a context-aware bundle: its intent head reads [the turn's embedding;
     * {@code ThreadMemory.features(slots)} of the turn's earlier turns], leaning on them as far as held-out data shows
     * they help ({@link ContextHeadTrainer}); its reputation head reads the turn alone, and its graph has one input
     * per slot (see {@link HeadFusion}).
     *
     * @param slots the context slots, in the order the head reads them; empty for a context-free bundle
     * @return the training
     */
    public BundleTraining withContext(List<ContextSlot> slots) {
        return withContext(ContextTraining.of(slots));
    }

    /**
     * @param training what the intent head reads besides the turn and how its reliance on it is chosen
     * @return the same training with that context
     */
    public BundleTraining withContext(ContextTraining training) {
        return new BundleTraining(encoder, workDir, maxTokens, options, progress, training);
    }

    /**
     * A trained bundle and how its heads were chosen.
     *
     * @param bundle the sealed bundle
     * @param intents intent head selection, or null
     * @param reputation reputation head selection, or null
     */
    public record Result(ModelBundle bundle, HeadTrainer.Result intents, HeadTrainer.Result reputation) {

        /** @return cost grids and chosen costs, for reports */
        public Map<String, Object> summary() {
            Map<String, Object> out = new LinkedHashMap<>();
            if (intents != null) {
                out.put("intents", Map.of("metric", intents.metric(), "scoreByCost", intents.scoreByCost(),
                        "chosenCost", intents.head().regularization(), "calibration", intents.head().calibration()));
            }
            if (reputation != null) {
                out.put("reputation", Map.of("metric", reputation.metric(), "scoreByCost",
                        reputation.scoreByCost(), "chosenCost", reputation.head().regularization(), "calibration",
                        reputation.head().calibration()));
            }
            return out;
        }
    }

    /**
     * The version a bundle trained on this data with these settings gets: the same inputs give the same version.
     *
     * @param name bundle family
     * @param dataset the training data
     * @return {@code name-<12 hex>}
     */
    public String versionFor(String name, Dataset dataset) {
        StringBuilder key = new StringBuilder(RECIPE).append(encoder.sha256()).append(encoder.pooling()).append(encoder.layers())
                .append(maxTokens)
                .append(java.util.Arrays.toString(options.costs())).append(options.folds()).append(options.seed())
                .append(options.intentHead()).append(options.solver()).append(options.path());
        boolean aware = context.aware();
        if (aware) {
            key.append("\ncontext").append(CONTEXT_RECIPE).append(context.slots()).append(context.scales());
            if (!context.judges().isEmpty()) {
                key.append(" judged on ").append(context.judges().size());
            }
        }
        for (List<LabeledSnippet> split : List.of(dataset.train(), dataset.validation())) {
            for (LabeledSnippet s : split) {
                key.append('\n').append(s.text()).append('\t').append(new TreeSet<>(s.intents()))
                        .append('\t').append(s.polarity());
                if (aware) {
                    s.context().forEach(t -> key.append('\t').append(t.role()).append(':').append(t.text()));
                }
            }
            key.append("\n--");
        }
        return name + "-" + Sha256.of(key.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    /**
     * Trains heads on the data set's train split (validation for selection and calibration) and writes the bundle.
     *
     * @param dataset labeled data
     * @param name bundle family
     * @param version bundle version
     * @param metrics figures to record in the manifest
     * @param directory target directory
     * @return the bundle and selection details
     */
    public Result train(Dataset dataset, String name, String version, Map<String, Double> metrics, Path directory) {
        try (FeatureExtractor extractor = FeatureExtractor.open(encoder, workDir, maxTokens)) {
            Heads heads = trainHeads(extractor, dataset, options, progress, context);
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("trainingData", dataset.name());
            provenance.put("trainExamples", Integer.toString(dataset.train().size()));
            provenance.put("validation", dataset.validation().isEmpty() ? options.folds() + "-fold cross-validation"
                    : "split");
            provenance.put("pooling", encoder.pooling().name().toLowerCase() + " over the last " + encoder.layers()
                    + " layer(s)");
            Optional<ContextInputs> inputs = context.aware()
                    ? Optional.of(new ContextInputs(context.slots(), extractor.width())) : Optional.empty();
            inputs.ifPresent(c -> provenance.put("context", "intent head reads [turn; " + c.slots() + "]"));
            heads.recordContext(provenance);
            Map<String, Double> recorded = new LinkedHashMap<>(metrics);
            if (heads.intents() != null) {
                provenance.put("intentCost", Double.toString(heads.intents().head().regularization()));
                provenance.put("intentHead", heads.intents().head().activation().manifestName() + " ("
                        + options.solver().name().toLowerCase() + ")");
                recorded.put("intents.selection." + heads.intents().metric(),
                        heads.intents().scoreByCost().get(heads.intents().head().regularization()));
            }
            if (heads.reputation() != null) {
                provenance.put("reputationCost", Double.toString(heads.reputation().head().regularization()));
                recorded.put("reputation.selection." + heads.reputation().metric(),
                        heads.reputation().scoreByCost().get(heads.reputation().head().regularization()));
            }
            ModelBundle bundle = BundleBuilder.build(extractor.sentenceGraph(), encoder, heads.list(),
                    new BundleBuilder.Spec(name, version, maxTokens, "fp32", recorded, provenance,
                            inputs.map(HeadFusion::manifestEntry).orElse(null)), directory);
            return new Result(bundle, heads.intents(), heads.reputation());
        }
    }

    /**
     * Trained heads.
     *
     * @param intents intent head selection, or null
     * @param reputation reputation head selection, or null
     * @param context how a context-aware intent head's scale was chosen, or null (a head on the turn alone)
     */
    public record Heads(HeadTrainer.Result intents, HeadTrainer.Result reputation,
            ContextHeadTrainer.Result context) {

        /** Provenance key of the chosen context scale, read back when a head is re-fitted on other features. */
        public static final String CONTEXT_SCALE = "contextScale";

        /**
         * Records how the context scale was chosen (nothing for a head on the turn alone).
         *
         * @param provenance the bundle's provenance, added to
         */
        public void recordContext(Map<String, String> provenance) {
            if (context != null) {
                provenance.put(CONTEXT_SCALE, Double.toString(context.scale()));
                if (!context.scoreByScale().isEmpty()) {
                    provenance.put("contextScaleSelection", intents.metric() + " by scale " + context.scoreByScale()
                            + " on " + context.judgedOn());
                }
            }
        }

        /** @return the heads, intents first */
        public List<LinearHead> list() {
            List<LinearHead> out = new ArrayList<>();
            if (intents != null) {
                out.add(intents.head());
            }
            if (reputation != null) {
                out.add(reputation.head());
            }
            return out;
        }
    }

    /**
     * Trains the heads a data set supports on the features of a sentence graph: intents when it has intents,
     * reputation when it has polarities.
     *
     * @param extractor features of the (possibly pruned) encoder
     * @param dataset labeled data: train, and validation when present
     * @param options head training options
     * @param progress progress reporting
     * @return the heads
     */
    public static Heads trainHeads(FeatureExtractor extractor, Dataset dataset, TrainingOptions options,
            Progress progress) {
        return trainHeads(extractor, dataset, options, progress, ContextTraining.none());
    }

    /**
     * Trains the heads a data set supports, the intent head on the turn and its context: [the turn's embedding;
     * {@code ThreadMemory.features(slots)} of the example's earlier turns], leaning on the context as far as
     * held-out data shows it helps ({@link ContextHeadTrainer}); the reputation head on the turn alone.
     *
     * @param extractor features of the (possibly pruned) encoder
     * @param dataset labeled data: train, and validation when present
     * @param options head training options
     * @param progress progress reporting
     * @param context the slots the intent head reads besides the turn (none: the turn alone) and how its reliance on
     *     them is chosen
     * @return the heads
     */
    public static Heads trainHeads(FeatureExtractor extractor, Dataset dataset, TrainingOptions options,
            Progress progress, ContextTraining context) {
        if (!context.aware()) {
            Examples train = embed(extractor, dataset.train(), "train split", progress);
            Examples validation = dataset.validation().isEmpty() ? null
                    : embed(extractor, dataset.validation(), "validation split", progress);
            return trainHeads(train, validation, dataset, options, progress);
        }
        TurnFeatures features = TurnFeatures.embed(extractor, List.of(dataset.train(), dataset.validation()),
                progress, "turns and their context");
        boolean validate = !dataset.validation().isEmpty();
        int[] judges = IntStream.range(0, dataset.train().size())
                .filter(i -> context.judges().contains(dataset.train().get(i))).toArray();
        ContextHeadTrainer.Rows rows = new ContextHeadTrainer.Rows(features.examples(dataset.train(), context.slots()),
                validate ? features.examples(dataset.validation(), context.slots()) : null, features.width(), judges);
        return trainHeads(new HeadInputs(features.examples(dataset.train(), List.of()),
                validate ? features.examples(dataset.validation(), List.of()) : null, rows, context), dataset,
                options, progress);
    }

    /**
     * What each head is trained on: the intent head may read the turn's context, the reputation head reads the turn.
     *
     * @param turnTrain the turns' embeddings of the train split
     * @param turnValidation the turns' embeddings of the validation split, or null to cross-validate
     * @param contextRows the intent head's rows [turn; context], or null when it reads the turn alone
     * @param context how the context-aware intent head's reliance on the context is chosen
     */
    private record HeadInputs(Examples turnTrain, Examples turnValidation, ContextHeadTrainer.Rows contextRows,
            ContextTraining context) {
    }

    /**
     * Trains the heads a data set supports on embeddings computed beforehand.
     *
     * @param train embeddings and labels of the train split
     * @param validation embeddings and labels of the validation split, or null to cross-validate
     * @param dataset the data set (which heads, intent labels, single- or multi-label)
     * @param options head training options
     * @param progress progress reporting
     * @return the heads
     */
    public static Heads trainHeads(Examples train, Examples validation, Dataset dataset, TrainingOptions options,
            Progress progress) {
        return trainHeads(new HeadInputs(train, validation, null, ContextTraining.none()), dataset, options,
                progress);
    }

    private static Heads trainHeads(HeadInputs inputs, Dataset dataset, TrainingOptions options, Progress progress) {
        HeadTrainer trainer = new HeadTrainer(options, progress);
        HeadTrainer.Result intents = null;
        ContextHeadTrainer.Result context = null;
        if (dataset.hasIntents() && inputs.contextRows() != null) {
            context = new ContextHeadTrainer(options, inputs.context().scales(), progress)
                    .trainIntents(inputs.contextRows(), dataset.intents(), dataset.singleLabel());
            intents = context.intents();
        } else if (dataset.hasIntents()) {
            intents = trainer.trainIntents(inputs.turnTrain(), inputs.turnValidation(), dataset.intents(),
                    dataset.singleLabel());
        }
        HeadTrainer.Result reputation = dataset.hasPolarity()
                ? trainer.trainReputation(inputs.turnTrain().withPolarity(),
                        inputs.turnValidation() == null ? null : inputs.turnValidation().withPolarity(),
                        Polarities.ALL)
                : null;
        if (intents == null && reputation == null) {
            throw new IllegalArgumentException("data set " + dataset.name() + " has neither intents nor polarities");
        }
        return new Heads(intents, reputation, context);
    }

    /**
     * Embeds the snippets of one split.
     *
     * @param extractor the encoder's features (cached by text)
     * @param snippets the split
     * @param label what is embedded, for progress
     * @param progress progress reporting
     * @return embeddings with their labels
     */
    public static Examples embed(FeatureExtractor extractor, List<LabeledSnippet> snippets, String label,
            Progress progress) {
        float[][] x = extractor.embed(snippets.stream().map(LabeledSnippet::text).toList(), progress, label);
        return new Examples(x, snippets.stream().map(LabeledSnippet::intents).toList(),
                snippets.stream().map(LabeledSnippet::polarity).toList());
    }
}
