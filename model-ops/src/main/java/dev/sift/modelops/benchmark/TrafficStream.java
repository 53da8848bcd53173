package dev.sift.modelops.benchmark;

import dev.sift.modelops.dataset.LabeledSnippet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * A labeled training split cut into a starter set and the traffic that follows it. Examples are grouped by their
 * intents (the examples without one, out-of-scope, are one group more); the starter set takes the first few of each
 * group, and the traffic brings the rest one round at a time, one example of every group per round, so that after
 * round {@code r} every group has delivered {@code starter + r} labels (or all it had).
 *
 * <p>Rounds rather than a plain shuffle: a learning curve is read per intent ("after 20 labels per intent"), and a
 * shuffled stream reaches 20 labels of some intents long before others. Within a group the order is shuffled.
 *
 * @param starter the starter set
 * @param traffic the rest, in arrival order
 * @param rounds the round each traffic example arrives in (from 1): non-decreasing
 * @param starterPerGroup examples of each group in the starter set (fewer when a group has fewer)
 * @param groups how many groups the split has
 */
public record TrafficStream(List<LabeledSnippet> starter, List<LabeledSnippet> traffic, List<Integer> rounds,
        int starterPerGroup, int groups) {

    /** Copies. */
    public TrafficStream {
        starter = List.copyOf(starter);
        traffic = List.copyOf(traffic);
        rounds = List.copyOf(rounds);
        if (rounds.size() != traffic.size()) {
            throw new IllegalArgumentException("one round per traffic example");
        }
    }

    /**
     * @param train the labeled split to cut
     * @param starterPerGroup examples of each group in the starter set (at least 1)
     * @param seed seed of the order within each group
     * @return the starter set and the traffic
     */
    public static TrafficStream of(List<LabeledSnippet> train, int starterPerGroup, long seed) {
        if (starterPerGroup < 1) {
            throw new IllegalArgumentException("the starter set needs at least one example per intent");
        }
        Map<String, List<LabeledSnippet>> byGroup = new LinkedHashMap<>();
        for (LabeledSnippet s : train) {
            byGroup.computeIfAbsent(String.join("+", new TreeSet<>(s.intents())), g -> new ArrayList<>()).add(s);
        }
        Random random = new Random(seed);
        List<List<LabeledSnippet>> groups = new ArrayList<>();
        byGroup.keySet().stream().sorted().forEach(g -> {
            List<LabeledSnippet> members = new ArrayList<>(byGroup.get(g));
            Collections.shuffle(members, random);
            groups.add(members);
        });
        List<LabeledSnippet> starter = new ArrayList<>();
        for (List<LabeledSnippet> members : groups) {
            starter.addAll(members.subList(0, Math.min(starterPerGroup, members.size())));
        }
        List<LabeledSnippet> traffic = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        int longest = groups.stream().mapToInt(List::size).max().orElse(0);
        for (int i = starterPerGroup; i < longest; i++) {
            for (List<LabeledSnippet> members : groups) {
                if (i < members.size()) {
                    traffic.add(members.get(i));
                    rounds.add(i - starterPerGroup + 1);
                }
            }
        }
        return new TrafficStream(starter, traffic, rounds, starterPerGroup, groups.size());
    }

    /**
     * @param labelsPerGroup labels of each group the starter set and the traffic have delivered together
     * @return the traffic up to that point (all of it when the groups have fewer)
     */
    public List<LabeledSnippet> until(int labelsPerGroup) {
        int end = 0;
        while (end < rounds.size() && rounds.get(end) <= labelsPerGroup - starterPerGroup) {
            end++;
        }
        return traffic.subList(0, end);
    }

    /** @return labels per group after the last round of traffic: the largest group's size */
    public int allPerGroup() {
        return starterPerGroup + (rounds.isEmpty() ? 0 : rounds.get(rounds.size() - 1));
    }
}
