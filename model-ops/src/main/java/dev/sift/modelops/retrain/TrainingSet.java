package dev.sift.modelops.retrain;

import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.learning.DatasetVersion;
import dev.sift.modelops.learning.LabeledExample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a retraining trains and judges on: the starter set's training (and validation) examples plus the feedback
 * data set's training part, and the feedback data set's held-out slice. A training example whose text is also held
 * out is left out of training, so that nothing judged was seen.
 *
 * <p>The newest share of the feedback's training part also judges, before it is trained on, how far a context-aware
 * head leans on the context ({@code ContextHeadTrainer}): those are the turns most like the ones the next model
 * will judge, where the starter set's examples, written to teach what context adds, are not.
 *
 * @param name the data's name, for bundles and reports
 * @param train training examples
 * @param validation validation examples (the starter set's; empty: cross-validation)
 * @param heldOut held-out feedback examples
 * @param contextJudges the newest training examples of the feedback (a subset of {@code train}); empty when there
 *     are too few to judge on
 */
public record TrainingSet(String name, List<LabeledSnippet> train, List<LabeledSnippet> validation,
        List<LabeledSnippet> heldOut, List<LabeledSnippet> contextJudges) {

    /** Share of the feedback's training part that judges the context, the newest examples. */
    static final double CONTEXT_JUDGE_SHARE = 0.2;

    /**
     * Fewer examples score so coarsely that a scale would be chosen on a handful of turns: cross-validation judges
     * instead.
     */
    static final int MIN_CONTEXT_JUDGES = 50;

    /** Copies. */
    public TrainingSet {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        heldOut = List.copyOf(heldOut);
        contextJudges = List.copyOf(contextJudges);
    }

    /**
     * A training set whose context-aware heads are judged by the validation split or cross-validation.
     *
     * @param name the data's name
     * @param train training examples
     * @param validation validation examples
     * @param heldOut held-out examples
     */
    public TrainingSet(String name, List<LabeledSnippet> train, List<LabeledSnippet> validation,
            List<LabeledSnippet> heldOut) {
        this(name, train, validation, heldOut, List.of());
    }

    /**
     * @param starter the static labeled data (starter set or {@code sift.model-ops.data}); its test split is not used
     * @param feedback a feedback data set version
     * @return the training set
     */
    public static TrainingSet of(Dataset starter, DatasetVersion feedback) {
        List<LabeledSnippet> heldOut = feedback.heldOut().stream().map(LabeledExample::snippet).toList();
        Set<String> judged = new HashSet<>();
        heldOut.forEach(s -> judged.add(key(s)));
        List<LabeledSnippet> train = new ArrayList<>();
        Stream.concat(starter.train().stream(), feedback.train().stream().map(LabeledExample::snippet))
                .filter(s -> !judged.contains(key(s))).forEach(train::add);
        List<LabeledSnippet> validation = starter.validation().stream().filter(s -> !judged.contains(key(s)))
                .toList();
        // The feedback's training part is in label-time order: its tail is the newest.
        List<LabeledSnippet> feedbackTrain = feedback.train().stream().map(LabeledExample::snippet)
                .filter(s -> !judged.contains(key(s))).toList();
        int judges = (int) Math.round(feedbackTrain.size() * CONTEXT_JUDGE_SHARE);
        List<LabeledSnippet> contextJudges = judges < MIN_CONTEXT_JUDGES ? List.of()
                : feedbackTrain.subList(feedbackTrain.size() - judges, feedbackTrain.size());
        return new TrainingSet(starter.name() + "+feedback-" + feedback.version(), train, validation, heldOut,
                contextJudges);
    }

    /** @return training examples per intent */
    public Map<String, Integer> intentCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        train.forEach(s -> s.intents().forEach(i -> counts.merge(i, 1, Integer::sum)));
        return counts;
    }

    /**
     * @param labels the intent outputs
     * @return the data set to train heads on (its test split is the held-out slice)
     */
    public Dataset dataset(List<String> labels) {
        boolean singleLabel = Stream.of(train, validation, heldOut).flatMap(List::stream)
                .allMatch(s -> s.intents().size() <= 1);
        return new Dataset(name, labels, train, validation, heldOut, singleLabel);
    }

    /**
     * What makes two examples the same for the held-out slice: the text, and the turns before it, since one short
     * reply ("yes please") is a different example after each offer it answers.
     */
    private static String key(LabeledSnippet snippet) {
        StringBuilder key = new StringBuilder(snippet.text().strip());
        snippet.context().forEach(turn -> key.append('\n').append(turn.role()).append(':').append(turn.text().strip()));
        return key.toString();
    }
}
