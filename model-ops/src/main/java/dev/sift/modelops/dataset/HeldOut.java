package dev.sift.modelops.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a data set into what heads may be trained on and what judges them: the test split when there is one, else
 * every fifth training example (deterministic).
 *
 * @param training data to train and re-fit heads on
 * @param heldOut labeled snippets no head trains on
 */
public record HeldOut(Dataset training, List<LabeledSnippet> heldOut) {

    /**
     * @param dataset a data set
     * @return its training part and held-out part
     */
    public static HeldOut of(Dataset dataset) {
        if (!dataset.test().isEmpty()) {
            return new HeldOut(dataset, dataset.test());
        }
        List<LabeledSnippet> train = new ArrayList<>();
        List<LabeledSnippet> held = new ArrayList<>();
        for (int i = 0; i < dataset.train().size(); i++) {
            (i % 5 == 4 ? held : train).add(dataset.train().get(i));
        }
        return new HeldOut(new Dataset(dataset.name(), dataset.intents(), train, dataset.validation(), List.of(),
                dataset.singleLabel()), held);
    }
}
