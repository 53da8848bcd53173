package dev.sift.modelops.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Readers of the labeled formats model-ops understands: Sift's own JSONL and CSV, CLINC150's {@code data_full.json},
 * NLU++ folds, and the airline-sentiment tweets CSV. Each produces a {@link Dataset} with the standard splits of
 * its format.
 */
public final class DatasetReaders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetReaders() {
    }

    /**
     * Sift's JSONL: one object per line with {@code text}, {@code intents} (array or {@code |}-separated string),
     * optional {@code sentiment}/{@code polarity}, {@code brand}, {@code split} ({@code train},
     * {@code validation}, {@code test}; default {@code train}) and {@code context}: the earlier turns of the
     * snippet's thread, oldest first, each {@code {"speaker": "customer|user|agent|bot|system|...", "text": ...}}
     * (role names as {@link TurnRole#of} reads them), within {@link ContextLimits}, and {@code confidences}: the
     * labeler's confidence per label, an object of label to a number in [0, 1] ({@link LabelConfidences}).
     *
     * @param name data set name
     * @param in the JSONL content
     * @return the data set
     */
    public static Dataset jsonl(String name, InputStream in) {
        Map<String, List<LabeledSnippet>> splits = newSplits();
        JsonLines.read(name, in, node -> split(splits, textOrNull(node, "split")).add(new LabeledSnippet(text(node),
                intents(node.get("intents")), Polarities.normalize(textOrNull(node, "sentiment", "polarity")),
                textOrNull(node, "brand"), context(node.get("context")),
                LabelConfidences.read(node.get("confidences")))));
        return Dataset.of(name, splits.get("train"), splits.get("validation"), splits.get("test"));
    }

    /**
     * Sift's CSV: a header with {@code text}, and optionally {@code intents} ({@code |}-separated),
     * {@code sentiment}, {@code brand}, {@code split}.
     *
     * @param name data set name
     * @param in the CSV content
     * @return the data set
     */
    public static Dataset csv(String name, InputStream in) {
        Map<String, List<LabeledSnippet>> splits = newSplits();
        for (Map<String, String> row : csvRows(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String intents = row.getOrDefault("intents", "");
            LabeledSnippet snippet = new LabeledSnippet(row.get("text"), splitLabels(intents),
                    Polarities.normalize(row.getOrDefault("sentiment", row.get("polarity"))), blankToNull(row.get("brand")));
            split(splits, row.get("split")).add(snippet);
        }
        return Dataset.of(name, splits.get("train"), splits.get("validation"), splits.get("test"));
    }

    /**
     * CLINC150 {@code data_full.json}: 150 intents; its out-of-scope examples have no intent. Splits as given
     * (train+oos_train, val+oos_val, test+oos_test).
     *
     * @param file the JSON file
     * @return the data set
     */
    public static Dataset clinc150(Path file) {
        JsonNode root = readJson(file);
        List<LabeledSnippet> train = clincSplit(root, "train", "oos_train");
        List<LabeledSnippet> val = clincSplit(root, "val", "oos_val");
        List<LabeledSnippet> test = clincSplit(root, "test", "oos_test");
        return Dataset.of("clinc150", train, val, test);
    }

    private static List<LabeledSnippet> clincSplit(JsonNode root, String inScope, String outOfScope) {
        List<LabeledSnippet> out = new ArrayList<>();
        for (String key : List.of(inScope, outOfScope)) {
            JsonNode split = root.get(key);
            if (split == null) {
                throw new IllegalArgumentException("not a CLINC150 data_full.json: no '" + key + "'");
            }
            for (JsonNode pair : split) {
                String label = pair.get(1).asText();
                out.add(new LabeledSnippet(pair.get(0).asText(), "oos".equals(label) ? Set.of() : Set.of(label),
                        null, null));
            }
        }
        return out;
    }

    /**
     * NLU++ folds of one domain: {@code fold0.json} .. {@code fold19.json}, lists of {@code {text, intents}}.
     *
     * @param domainDir e.g. {@code nlupp/data/banking}
     * @param trainFolds folds to train on
     * @param testFolds folds to test on
     * @return the data set (no validation split: cross-validation on train)
     */
    public static Dataset nlupp(Path domainDir, List<Integer> trainFolds, List<Integer> testFolds) {
        return Dataset.of("nlu++ " + domainDir.getFileName(), nluppFolds(domainDir, trainFolds), List.of(),
                nluppFolds(domainDir, testFolds));
    }

    private static List<LabeledSnippet> nluppFolds(Path dir, List<Integer> folds) {
        List<LabeledSnippet> out = new ArrayList<>();
        for (int fold : folds) {
            JsonNode examples = readJson(dir.resolve("fold" + fold + ".json"));
            for (JsonNode example : examples) {
                Set<String> intents = new HashSet<>();
                JsonNode labels = example.get("intents");
                if (labels != null) {
                    labels.forEach(l -> intents.add(l.asText()));
                }
                out.add(new LabeledSnippet(example.get("text").asText(), intents, null, null));
            }
        }
        return out;
    }

    /**
     * The airline tweets CSV ({@code text}, {@code airline_sentiment}, {@code airline}), split 80/20 stratified by
     * polarity with the given seed. Reputation only: no intents.
     *
     * @param file {@code Tweets.csv}
     * @param seed shuffle seed (0 for the standard split)
     * @return the data set
     */
    public static Dataset airlineTweets(Path file, long seed) {
        Map<String, List<LabeledSnippet>> byClass = new TreeMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Map<String, String> row : csvRows(reader)) {
                String polarity = Polarities.normalize(row.get("airline_sentiment"));
                byClass.computeIfAbsent(polarity, k -> new ArrayList<>())
                        .add(new LabeledSnippet(row.get("text"), Set.of(), polarity, blankToNull(row.get("airline"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<LabeledSnippet> train = new ArrayList<>();
        List<LabeledSnippet> test = new ArrayList<>();
        Random random = new Random(seed);
        for (List<LabeledSnippet> members : byClass.values()) {
            Collections.shuffle(members, random);
            int cut = (int) Math.round(members.size() * 0.8);
            train.addAll(members.subList(0, cut));
            test.addAll(members.subList(cut, members.size()));
        }
        Collections.shuffle(train, random);
        return Dataset.of("airline-tweets", train, List.of(), test);
    }

    private static List<Map<String, String>> csvRows(Reader reader) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema)
                .readValues(reader)) {
            while (it.hasNext()) {
                Map<String, String> row = new LinkedHashMap<>();
                it.next().forEach((k, v) -> row.put(k.trim().toLowerCase(Locale.ROOT), v));
                if (!row.containsKey("text")) {
                    throw new IllegalArgumentException("CSV has no 'text' column (columns: " + row.keySet() + ")");
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, List<LabeledSnippet>> newSplits() {
        Map<String, List<LabeledSnippet>> splits = new LinkedHashMap<>();
        splits.put("train", new ArrayList<>());
        splits.put("validation", new ArrayList<>());
        splits.put("test", new ArrayList<>());
        return splits;
    }

    private static List<LabeledSnippet> split(Map<String, List<LabeledSnippet>> splits, String name) {
        String key = name == null || name.isBlank() ? "train" : name.trim().toLowerCase(Locale.ROOT);
        key = key.equals("val") || key.equals("dev") ? "validation" : key;
        List<LabeledSnippet> split = splits.get(key);
        if (split == null) {
            throw new IllegalArgumentException("unknown split '" + name + "' (train, validation, test)");
        }
        return split;
    }

    /**
     * Reads a {@code context} list: earlier turns, oldest first, each {@code {speaker, text}} (the one place this
     * part of Sift's JSONL is read, for data files and the learning loop's data sets alike).
     *
     * @param node the list, or {@code null} / JSON null for none
     * @return the turns
     * @throws IllegalArgumentException when it is not such a list, names an unknown role or exceeds
     *     {@link ContextLimits}
     */
    public static List<SpokenTurn> context(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'context' is not a list of {speaker, text} turns");
        }
        if (node.size() > ContextLimits.MAX_TURNS) {
            throw new IllegalArgumentException("the context holds " + node.size() + " turns, more than "
                    + ContextLimits.MAX_TURNS);
        }
        List<SpokenTurn> turns = new ArrayList<>(node.size());
        for (JsonNode turn : node) {
            int position = turns.size() + 1;
            if (!turn.isObject()) {
                throw new IllegalArgumentException("context turn " + position + " is not an object {speaker, text}");
            }
            JsonNode speaker = turn.get("speaker");
            JsonNode text = turn.get("text");
            if (speaker == null || !speaker.isTextual() || text == null || !text.isTextual()) {
                throw new IllegalArgumentException("context turn " + position + " needs a 'speaker' and a 'text'"
                        + " string");
            }
            try {
                turns.add(new SpokenTurn(TurnRole.of(speaker.asText()), text.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("context turn " + position + ": " + e.getMessage(), e);
            }
        }
        ContextLimits.check(turns);
        return turns;
    }

    private static String text(JsonNode node) {
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("no 'text' string");
        }
        return text.asText();
    }

    private static Set<String> intents(JsonNode node) {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (node.isTextual()) {
            return splitLabels(node.asText());
        }
        Set<String> out = new HashSet<>();
        node.forEach(n -> out.add(n.asText().trim()));
        return out;
    }

    private static Set<String> splitLabels(String joined) {
        if (joined == null || joined.isBlank()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        Arrays.stream(joined.split("[|;]")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    private static String textOrNull(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
