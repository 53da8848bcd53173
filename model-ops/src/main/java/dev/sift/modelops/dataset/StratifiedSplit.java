package dev.sift.modelops.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holds out a seeded share of labeled examples, stratified by label: each label set (the sorted intents and the
 * polarity) keeps about the same share in both parts. Label sets too rare to give one held-out example on their own
 * are pooled and split together, so rare intents are held out at about the share overall rather than never. Both
 * parts keep the examples' original order: the split decides membership, not order.
 *
 * @param kept the examples not held out
 * @param heldOut the held-out examples
 */
public record StratifiedSplit(List<LabeledSnippet> kept, List<LabeledSnippet> heldOut) {

    /** Copies the lists. */
    public StratifiedSplit {
        kept = List.copyOf(kept);
        heldOut = List.copyOf(heldOut);
    }

    /**
     * @param examples the examples to split
     * @param share the part held out, in (0, 1)
     * @param seed the same seed and examples give the same split
     * @return the two parts
     */
    public static StratifiedSplit of(List<LabeledSnippet> examples, double share, long seed) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("the held-out share must be in (0, 1), got " + share);
        }
        Map<String, List<Integer>> strata = new TreeMap<>();
        for (int i = 0; i < examples.size(); i++) {
            strata.computeIfAbsent(key(examples.get(i)), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>();
        List<Integer> pooled = new ArrayList<>();
        for (List<Integer> members : strata.values()) {
            if (Math.round(members.size() * share) == 0) {
                pooled.addAll(members);
            } else {
                groups.add(members);
            }
        }
        Collections.sort(pooled);
        groups.add(pooled);
        // One generator walks the strata in label order, so the split depends only on the examples and the seed.
        Random random = new Random(seed);
        boolean[] held = new boolean[examples.size()];
        for (List<Integer> members : groups) {
            List<Integer> shuffled = new ArrayList<>(members);
            Collections.shuffle(shuffled, random);
            // At least one of each stratum stays for training: a label set held out entirely could not be learned.
            long count = Math.min(Math.round(members.size() * share), members.size() - 1L);
            for (int i = 0; i < count; i++) {
                held[shuffled.get(i)] = true;
            }
        }
        List<LabeledSnippet> kept = new ArrayList<>();
        List<LabeledSnippet> heldOut = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            (held[i] ? heldOut : kept).add(examples.get(i));
        }
        return new StratifiedSplit(kept, heldOut);
    }

    private static String key(LabeledSnippet example) {
        return new TreeSet<>(example.intents()) + "/" + example.polarity();
    }
}
