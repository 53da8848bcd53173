package dev.sift.modelops.optimize;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.modelops.console.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures classifiers side by side on a shared, noisy machine: rounds in which every classifier runs a few
 * single-snippet inferences, in a shuffled order, so that load spikes hit all of them alike; medians, not means.
 */
public final class LatencyMeter {

    /** A 32-token snippet (with [CLS] and [SEP]): the length the acceptance figures use. */
    public static final String TWEET_32_TOKENS = "@VeloceAir three hours on the tarmac with zero updates, missed my "
            + "connection and your app says the rebooking failed. seriously?";

    private final int rounds;
    private final int callsPerRound;

    /**
     * @param rounds interleaved rounds
     * @param callsPerRound inferences per classifier per round
     */
    public LatencyMeter(int rounds, int callsPerRound) {
        this.rounds = rounds;
        this.callsPerRound = callsPerRound;
    }

    /**
     * @param classifiers classifiers by name, each with 1 intra-op thread for a fair single-core figure
     * @param text the snippet
     * @param progress progress reporting
     * @return median milliseconds per single-snippet call, by name
     */
    public Map<String, Double> medianMillis(Map<String, SnippetClassifier> classifiers, String text, Progress progress) {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        classifiers.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        for (SnippetClassifier c : classifiers.values()) {
            for (int i = 0; i < 10; i++) {
                c.classify(text);
            }
        }
        List<String> order = new ArrayList<>(classifiers.keySet());
        Random random = new Random(7);
        try (Progress.Task task = progress.start("Measuring latency", (long) rounds * classifiers.size())) {
            for (int r = 0; r < rounds; r++) {
                Collections.shuffle(order, random);
                for (String name : order) {
                    SnippetClassifier c = classifiers.get(name);
                    for (int i = 0; i < callsPerRound; i++) {
                        long start = System.nanoTime();
                        c.classify(text);
                        samples.get(name).add((System.nanoTime() - start) / 1e6);
                    }
                    task.step();
                }
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((k, v) -> medians.put(k, median(v)));
        return medians;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
