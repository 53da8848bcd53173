package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.console.Progress;
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
import java.util.TreeSet;

/**
 * Builds a bundle from labeled data: embed with the encoder, train and calibrate the heads that the data supports
 * (intents when it has intents, reputation when it has polarities), fuse them and write the bundle.
 */
public final class BundleTraining {

    private final Encoder encoder;
    private final Path workDir;
    private final int maxTokens;
    private final TrainingOptions options;
    private final Progress progress;

    /**
     * @param encoder the pretrained encoder
     * @param workDir cache of derived graphs
     * @param maxTokens tokens per snippet
     * @param options head training options
     * @param progress progress reporting
     */
    public BundleTraining(Encoder encoder, Path workDir, int maxTokens, TrainingOptions options, Progress progress) {
        this.encoder = encoder;
        this.workDir = workDir;
        this.maxTokens = maxTokens;
        this.options = options;
        this.progress = progress;
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
        StringBuilder key = new StringBuilder(encoder.sha256()).append(encoder.pooling()).append(encoder.layers())
                .append(maxTokens)
                .append(java.util.Arrays.toString(options.costs())).append(options.folds()).append(options.seed());
        for (List<LabeledSnippet> split : List.of(dataset.train(), dataset.validation())) {
            for (LabeledSnippet s : split) {
                key.append('\n').append(s.text()).append('\t').append(new TreeSet<>(s.intents()))
                        .append('\t').append(s.polarity());
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
            Examples train = embed(extractor, dataset.train(), "train split");
            Examples validation = dataset.validation().isEmpty() ? null
                    : embed(extractor, dataset.validation(), "validation split");
            HeadTrainer trainer = new HeadTrainer(options, progress);
            List<LinearHead> heads = new ArrayList<>();
            HeadTrainer.Result intents = null;
            HeadTrainer.Result reputation = null;
            if (dataset.hasIntents()) {
                intents = trainer.trainIntents(train, validation, dataset.intents(), dataset.singleLabel());
                heads.add(intents.head());
            }
            if (dataset.hasPolarity()) {
                reputation = trainer.trainReputation(train.withPolarity(),
                        validation == null ? null : validation.withPolarity(), Polarities.ALL);
                heads.add(reputation.head());
            }
            if (heads.isEmpty()) {
                throw new IllegalArgumentException("data set " + dataset.name() + " has neither intents nor polarities");
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("trainingData", dataset.name());
            provenance.put("trainExamples", Integer.toString(dataset.train().size()));
            provenance.put("validation", validation == null ? options.folds() + "-fold cross-validation" : "split");
            provenance.put("pooling", encoder.pooling().name().toLowerCase() + " over the last " + encoder.layers()
                    + " layer(s)");
            if (intents != null) {
                provenance.put("intentCost", Double.toString(intents.head().regularization()));
            }
            if (reputation != null) {
                provenance.put("reputationCost", Double.toString(reputation.head().regularization()));
            }
            ModelBundle bundle = BundleBuilder.build(extractor.sentenceGraph(), encoder, heads,
                    new BundleBuilder.Spec(name, version, maxTokens, "fp32", metrics, provenance), directory);
            return new Result(bundle, intents, reputation);
        }
    }

    private Examples embed(FeatureExtractor extractor, List<LabeledSnippet> snippets, String label) {
        float[][] x = extractor.embed(snippets.stream().map(LabeledSnippet::text).toList(), progress, label);
        return new Examples(x, snippets.stream().map(LabeledSnippet::intents).toList(),
                snippets.stream().map(LabeledSnippet::polarity).toList());
    }
}
