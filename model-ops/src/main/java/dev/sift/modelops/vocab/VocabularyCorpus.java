package dev.sift.modelops.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sift.modelops.dataset.DatasetReaders;
import dev.sift.modelops.dataset.LabeledSnippet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The texts of a vocabulary corpus, whatever file they come in: all splits of them, labels ignored. A CLINC150
 * {@code data_full.json}; a folder (searched below) of NLU++ folds ({@code fold*.json}, lists of objects with
 * {@code text}); a JSON list of such objects; JSONL or CSV with a {@code text} field (Sift's formats, the airline
 * tweets, SGD's {@code turns.jsonl}); any other file, one text per line.
 */
public final class VocabularyCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VocabularyCorpus() {
    }

    /**
     * @param source a file or folder
     * @return its texts
     */
    public static List<String> read(Path source) {
        try {
            if (Files.isDirectory(source)) {
                List<String> texts = new ArrayList<>();
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().matches("fold\\d+\\.json")).sorted()
                            .toList()) {
                        texts.addAll(jsonTexts(f));
                    }
                }
                return texts;
            }
            String name = source.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("data_full.json")) {
                var data = DatasetReaders.clinc150(source);
                return Stream.of(data.train(), data.validation(), data.test()).flatMap(List::stream)
                        .map(LabeledSnippet::text).toList();
            }
            if (name.endsWith(".json")) {
                return jsonTexts(source);
            }
            if (name.endsWith(".jsonl")) {
                return jsonlTexts(source);
            }
            if (name.endsWith(".csv")) {
                return csvTexts(source);
            }
            try (Stream<String> lines = Files.lines(source, StandardCharsets.UTF_8)) {
                return lines.filter(l -> !l.isBlank()).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocabulary corpus " + source + ": " + e.getMessage(), e);
        }
    }

    private static List<String> jsonTexts(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!root.isArray()) {
            throw new IllegalArgumentException("vocabulary corpus " + file + " is not a list of {\"text\": ...}");
        }
        List<String> texts = new ArrayList<>();
        root.forEach(n -> addText(n, texts));
        return texts;
    }

    private static List<String> jsonlTexts(Path file) throws IOException {
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    addText(JSON.readTree(line), texts);
                }
            }
        }
        return texts;
    }

    private static List<String> csvTexts(Path file) throws IOException {
        List<String> texts = new ArrayList<>();
        CsvMapper csv = new CsvMapper();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(reader)) {
            while (rows.hasNext()) {
                String text = rows.next().get("text");
                if (text != null && !text.isBlank()) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }

    private static void addText(JsonNode node, List<String> texts) {
        JsonNode text = node.get("text");
        if (text != null && text.isTextual() && !text.asText().isBlank()) {
            texts.add(text.asText());
        }
    }
}
