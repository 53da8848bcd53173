package dev.sift.modelops.learning;

import dev.sift.classifier.bundle.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One version of the feedback data set: its examples, each in training or held out, and its manifest. The version is
 * a hash of the examples file, so the same examples with the same slice give the same version.
 *
 * @param manifest what it holds
 * @param entries its examples in time order, each with its part
 */
public record DatasetVersion(DatasetManifest manifest, List<Entry> entries) {

    /** Hex digits of the SHA-256 a version keeps. */
    public static final int VERSION_LENGTH = 16;

    /**
     * One example and its part.
     *
     * @param example the example
     * @param heldOut whether it is held out
     */
    public record Entry(LabeledExample example, boolean heldOut) {
    }

    /** Copies the entries. */
    public DatasetVersion {
        entries = List.copyOf(entries);
    }

    /**
     * What a new version is built from.
     *
     * @param examples every example
     * @param previous the version before, if any (its cut and training examples carry over)
     * @param heldOutShare share of the newest examples held out
     * @param offsets topic offsets the examples were read up to
     * @param refused records refused since the previous version, by reason
     * @param droppedOverLimit examples dropped to stay within {@code max-examples}
     */
    public record Inputs(Collection<LabeledExample> examples, Optional<DatasetVersion> previous, double heldOutShare,
            Map<String, Map<Integer, Long>> offsets, Map<String, Long> refused, int droppedOverLimit) {
    }

    /**
     * Builds a version: assigns the held-out slice, orders the examples by time and hashes them.
     *
     * @param inputs examples and history
     * @param now the creation time recorded in the manifest (not part of the version)
     * @return the version
     */
    public static DatasetVersion build(Inputs inputs, Instant now) {
        Optional<HeldOutSlice.Cut> previousCut = inputs.previous().map(p -> p.manifest().heldOutFrom());
        Set<String> previouslyTrained = inputs.previous().map(p -> p.train().stream()
                .map(LabeledExample::snippetId).collect(Collectors.toSet())).orElse(Set.of());
        HeldOutSlice.Assignment slice = HeldOutSlice.assign(inputs.examples(), previousCut, previouslyTrained,
                inputs.heldOutShare());
        List<LabeledExample> ordered = new ArrayList<>(inputs.examples());
        ordered.sort(HeldOutSlice.TIME_ORDER);
        List<Entry> entries = ordered.stream().map(e -> new Entry(e, slice.heldOut().contains(e.snippetId())))
                .toList();
        String version = Sha256.of(content(entries).getBytes(StandardCharsets.UTF_8)).substring(0, VERSION_LENGTH);
        Map<String, DatasetManifest.Split> intents = new TreeMap<>();
        DatasetManifest.Split irrelevant = new DatasetManifest.Split(0, 0);
        Map<String, Integer> origins = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (Entry entry : entries) {
            for (String intent : entry.example().label().intents()) {
                intents.merge(intent, new DatasetManifest.Split(0, 0).plus(entry.heldOut()),
                        (a, b) -> a.plus(entry.heldOut()));
            }
            if (entry.example().label().intents().isEmpty()) {
                irrelevant = irrelevant.plus(entry.heldOut());
            }
            origins.merge(entry.example().label().origin().name(), 1, Integer::sum);
            kinds.merge(entry.example().request().kind().name(), 1, Integer::sum);
        }
        int heldOut = slice.heldOut().size();
        DatasetManifest manifest = new DatasetManifest(DatasetManifest.FORMAT, version, now.toString(),
                inputs.previous().map(DatasetVersion::version).orElse(null), entries.size(), entries.size() - heldOut,
                heldOut, inputs.heldOutShare(), slice.cut().orElse(null),
                entries.isEmpty() ? null : time(entries.get(0)), entries.isEmpty() ? null
                        : time(entries.get(entries.size() - 1)), intents, irrelevant, origins, kinds,
                inputs.offsets(), inputs.refused(), inputs.droppedOverLimit());
        return new DatasetVersion(manifest, entries);
    }

    /** @return the version */
    public String version() {
        return manifest.version();
    }

    /** @return the examples trained on, in time order */
    public List<LabeledExample> train() {
        return entries.stream().filter(e -> !e.heldOut()).map(Entry::example).toList();
    }

    /** @return the held-out examples, in time order */
    public List<LabeledExample> heldOut() {
        return entries.stream().filter(Entry::heldOut).map(Entry::example).toList();
    }

    /** @return every example, in time order */
    public List<LabeledExample> examples() {
        return entries.stream().map(Entry::example).toList();
    }

    /** @return {@code examples.jsonl}: one line per example, in time order */
    public String content() {
        return content(entries);
    }

    private static String content(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            out.append(ExampleLines.line(entry.example(), entry.heldOut())).append('\n');
        }
        return out.toString();
    }

    private static String time(Entry entry) {
        return Instant.ofEpochMilli(entry.example().label().labeledAt()).toString();
    }
}
