package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.context.ContextInputs;
import dev.sift.classifier.context.ContextSlot;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.context.TurnFeatures;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.dataset.Polarities;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.encoder.FeatureExtractor;
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

/**
 * Builds a bundle from labeled data: embed with the encoder, train and calibrate the heads that the data supports
 * (intents when it has intents, reputation when it has polarities), fuse them and write the bundle.
 */
public final class BundleTraining {

    /** Bumped whenever how bundles are built changes, so cached bundles of an older recipe are rebuilt. */
    private static final String RECIPE = "recipe-5";

    private final Encoder encoder;
    private final Path workDir;
    private final int maxTokens;
    private final TrainingOptions options;
    private final Progress progress;
    /** The context slots the intent head reads besides the turn; empty for a bundle that judges each turn alone. */
    private final List<ContextSlot> contextSlots;

    /**
     * @param encoder the pretrained encoder
     * @param workDir cache of derived graphs
     * @param maxTokens tokens per snippet
     * @param options head training options
     * @param progress progress reporting
     */
    public BundleTraining(Encoder encoder, Path workDir, int maxTokens, TrainingOptions options, Progress progress) {
        this(encoder, workDir, maxTokens, options, progress, List.of());
    }

    private BundleTraining(Encoder encoder, Path workDir, int maxTokens, TrainingOptions options, Progress progress,
            List<ContextSlot> contextSlots) {
        this.encoder = encoder;
        this.workDir = workDir;
        this.maxTokens = maxTokens;
        this.options = options;
        this.progress = progress;
        this.contextSlots = List.copyOf(contextSlots);
    }

    /**
     * The same training for a context-aware bundle: its intent head reads [the turn's embedding;
     * {@code ThreadMemory.features(slots)} of the turn's earlier turns], its reputation head the turn alone, and its
     * graph has one input per slot (see {@link HeadFusion}).
     *
     * @param slots the context slots, in the order the head reads them; empty for a context-free bundle
     * @return the training
     */
    public BundleTraining withContext(List<ContextSlot> slots) {
        return new BundleTraining(encoder, workDir, maxTokens, options, progress, slots);
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
        boolean context = !contextSlots.isEmpty();
        if (context) {
            key.append("\ncontext").append(contextSlots);
        }
        for (List<LabeledSnippet> split : List.of(dataset.train(), dataset.validation())) {
            for (LabeledSnippet s : split) {
                key.append('\n').append(s.text()).append('\t').append(new TreeSet<>(s.intents()))
                        .append('\t').append(s.polarity());
                if (context) {
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
            Heads heads = trainHeads(extractor, dataset, options, progress, contextSlots);
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("trainingData", dataset.name());
            provenance.put("trainExamples", Integer.toString(dataset.train().size()));
            provenance.put("validation", dataset.validation().isEmpty() ? options.folds() + "-fold cross-validation"
                    : "split");
            provenance.put("pooling", encoder.pooling().name().toLowerCase() + " over the last " + encoder.layers()
                    + " layer(s)");
            Optional<ContextInputs> context = contextSlots.isEmpty() ? Optional.empty()
                    : Optional.of(new ContextInputs(contextSlots, extractor.width()));
            context.ifPresent(c -> provenance.put("context", "intent head reads [turn; " + c.slots() + "]"));
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
                            context.map(HeadFusion::manifestEntry).orElse(null)), directory);
            return new Result(bundle, heads.intents(), heads.reputation());
        }
    }

    /**
     * Trained heads.
     *
     * @param intents intent head selection, or null
     * @param reputation reputation head selection, or null
     */
    public record Heads(HeadTrainer.Result intents, HeadTrainer.Result reputation) {

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
        return trainHeads(extractor, dataset, options, progress, List.of());
    }

    /**
     * Trains the heads a data set supports, the intent head on the turn and its context: [the turn's embedding;
     * {@code ThreadMemory.features(slots)} of the example's earlier turns]; the reputation head on the turn alone.
     *
     * @param extractor features of the (possibly pruned) encoder
     * @param dataset labeled data: train, and validation when present
     * @param options head training options
     * @param progress progress reporting
     * @param contextSlots the slots the intent head reads besides the turn; empty: the turn alone
     * @return the heads
     */
    public static Heads trainHeads(FeatureExtractor extractor, Dataset dataset, TrainingOptions options,
            Progress progress, List<ContextSlot> contextSlots) {
        if (contextSlots.isEmpty()) {
            Examples train = embed(extractor, dataset.train(), "train split", progress);
            Examples validation = dataset.validation().isEmpty() ? null
                    : embed(extractor, dataset.validation(), "validation split", progress);
            return trainHeads(train, validation, dataset, options, progress);
        }
        TurnFeatures features = TurnFeatures.embed(extractor, List.of(dataset.train(), dataset.validation()),
                progress, "turns and their context");
        boolean validate = !dataset.validation().isEmpty();
        return trainHeads(new HeadInputs(features.examples(dataset.train(), contextSlots),
                validate ? features.examples(dataset.validation(), contextSlots) : null,
                features.examples(dataset.train(), List.of()),
                validate ? features.examples(dataset.validation(), List.of()) : null), dataset, options, progress);
    }

    /**
     * What each head is trained on: the intent head may read the turn's context, the reputation head reads the turn.
     *
     * @param intentTrain intent head rows of the train split
     * @param intentValidation intent head rows of the validation split, or null to cross-validate
     * @param turnTrain the turns' embeddings of the train split
     * @param turnValidation the turns' embeddings of the validation split, or null
     */
    private record HeadInputs(Examples intentTrain, Examples intentValidation, Examples turnTrain,
            Examples turnValidation) {
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
        return trainHeads(new HeadInputs(train, validation, train, validation), dataset, options, progress);
    }

    private static Heads trainHeads(HeadInputs inputs, Dataset dataset, TrainingOptions options, Progress progress) {
        HeadTrainer trainer = new HeadTrainer(options, progress);
        HeadTrainer.Result intents = dataset.hasIntents() ? trainer.trainIntents(inputs.intentTrain(),
                inputs.intentValidation(), dataset.intents(), dataset.singleLabel()) : null;
        HeadTrainer.Result reputation = dataset.hasPolarity()
                ? trainer.trainReputation(inputs.turnTrain().withPolarity(),
                        inputs.turnValidation() == null ? null : inputs.turnValidation().withPolarity(),
                        Polarities.ALL)
                : null;
        if (intents == null && reputation == null) {
            throw new IllegalArgumentException("data set " + dataset.name() + " has neither intents nor polarities");
        }
        return new Heads(intents, reputation);
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
