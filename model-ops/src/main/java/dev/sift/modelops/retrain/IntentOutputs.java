package dev.sift.modelops.retrain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The intent outputs of a retrained model: every intent the live release and the base bundle have (gateways refuse a
 * release that drops an intent a policy uses, so none is ever dropped), plus each intent of the teacher's catalogue
 * that has at least {@code min-examples-per-intent} training examples. Intents outside the catalogue never become
 * outputs, however many labels name them: the feedback topic is one platforms may write, and the catalogue is what
 * ops chose to have labeled.
 *
 * @param labels the outputs, sorted
 * @param added the intents that are new outputs, sorted
 * @param waiting catalogue intents with examples but not enough yet, with their counts
 */
public record IntentOutputs(List<String> labels, List<String> added, Map<String, Integer> waiting) {

    /** Copies. */
    public IntentOutputs {
        labels = List.copyOf(labels);
        added = List.copyOf(added);
        waiting = Map.copyOf(waiting);
    }

    /**
     * The rule every publication keeps: no intent of the live release is dropped.
     *
     * @param live the live release's intents
     * @param candidate a candidate's intents
     * @return the live intents the candidate lacks, in the live order
     */
    public static List<String> dropped(Collection<String> live, Collection<String> candidate) {
        return live.stream().filter(i -> !candidate.contains(i)).toList();
    }

    /**
     * @param kept intents of the live release and of the base bundle
     * @param trainCounts training examples per intent
     * @param teacherIntent whether an intent is in the teacher's catalogue
     * @param minExamples examples a new intent needs
     * @return the outputs
     */
    public static IntentOutputs choose(Collection<String> kept, Map<String, Integer> trainCounts,
            Predicate<String> teacherIntent, int minExamples) {
        TreeSet<String> labels = new TreeSet<>(kept);
        List<String> added = new ArrayList<>();
        Map<String, Integer> waiting = new TreeMap<>();
        for (Map.Entry<String, Integer> e : new TreeMap<>(trainCounts).entrySet()) {
            if (labels.contains(e.getKey()) || !teacherIntent.test(e.getKey())) {
                continue;
            }
            if (e.getValue() >= minExamples) {
                labels.add(e.getKey());
                added.add(e.getKey());
            } else {
                waiting.put(e.getKey(), e.getValue());
            }
        }
        return new IntentOutputs(List.copyOf(labels), added, waiting);
    }
}
