package dev.sift.modelops.finetune;

import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.dataset.StratifiedSplit;
import java.util.List;

/**
 * What a fine-tuning run learns from and is judged on.
 *
 * @param train the examples trained on
 * @param validation the examples the run is judged on; empty without validation
 * @param labels what the head predicts
 */
public record FineTuneData(List<LabeledSnippet> train, List<LabeledSnippet> validation, TaskLabels labels) {

    /** Copies the lists. */
    public FineTuneData {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /**
     * The data of a run: without validation the whole train split; with it, the data set's validation split when it
     * has one, else a seeded share of the train split held out, stratified by label ({@link StratifiedSplit}).
     *
     * @param dataset labeled data
     * @param options the recipe: its validation plan and seed
     * @return the run's data
     * @throws IllegalArgumentException when validation is asked for and nothing can be held out
     */
    public static FineTuneData of(Dataset dataset, FineTuneOptions options) {
        TaskLabels labels = TaskLabels.of(dataset);
        ValidationPlan plan = options.validation();
        if (!plan.enabled()) {
            return new FineTuneData(dataset.train(), List.of(), labels);
        }
        if (!dataset.validation().isEmpty()) {
            return new FineTuneData(dataset.train(), dataset.validation(), labels);
        }
        StratifiedSplit split = StratifiedSplit.of(dataset.train(), plan.share(), options.seed());
        if (split.heldOut().isEmpty()) {
            throw new IllegalArgumentException("cannot hold out " + plan.share() + " of " + dataset.train().size()
                    + " training examples for validation: give a validation split or fine-tune without validation");
        }
        return new FineTuneData(split.kept(), split.heldOut(), labels);
    }

    /**
     * The data set the bundle's heads are fitted on after this run. When the run held out a share of the train split,
     * the heads are fitted on what the encoder learned from and choose their regularization and calibration on the
     * held-out share: the encoder has memorized its own training examples, so cross-validating on them would overstate
     * every cost's score and leave the probabilities overconfident. Otherwise the data set as it is.
     *
     * @param dataset the data set this run's data came from
     * @return the data set for the heads
     */
    public Dataset forHeads(Dataset dataset) {
        if (validation.isEmpty() || !dataset.validation().isEmpty()) {
            return dataset;
        }
        return new Dataset(dataset.name(), dataset.intents(), train, validation, dataset.test(),
                dataset.singleLabel());
    }
}
