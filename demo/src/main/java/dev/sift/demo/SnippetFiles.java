package dev.sift.demo;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import dev.sift.modelops.dataset.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads snippets to replay from a JSONL or CSV file. Only {@code text} is required; {@code snippetId},
 * {@code conversationId}, {@code tenant}, {@code channel}, {@code speaker}, {@code role}, {@code brand} and
 * {@code eventTime} (ISO-8601 or epoch millis) are used when present (camelCase or snake_case).
 */
public final class SnippetFiles {

    private SnippetFiles() {
    }

    /**
     * @param file a {@code .jsonl} or {@code .csv} file
     * @return its snippets, in file order
     */
    public static List<GeneratedSnippet> read(Path file) {
        List<Map<String, String>> rows = file.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? csv(file)
                : jsonl(file);
        List<GeneratedSnippet> out = new ArrayList<>();
        long base = Instant.now().toEpochMilli();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String text = row.get("text");
            if (text == null) {
                throw new IllegalArgumentException(file + " record " + (i + 1) + " has no text");
            }
            String conversation = row.getOrDefault("conversationid", "replay-" + (i + 1));
            String brand = row.get("brand");
            String role = row.getOrDefault("role", "CUSTOMER").toUpperCase(Locale.ROOT);
            ConversationSnippet snippet = ConversationSnippet.newBuilder()
                    .setSnippetId(row.getOrDefault("snippetid", "replay-s-" + (i + 1)))
                    .setConversationId(conversation)
                    .setTenant(row.getOrDefault("tenant", "replay"))
                    .setChannel(row.getOrDefault("channel", "chat"))
                    .setSpeaker(Speaker.newBuilder().setId(row.getOrDefault("speaker", "unknown"))
                            .setRole(roleOf(role)).build())
                    .setText(text)
                    .setEventTime(eventTime(row.get("eventtime"), base + i))
                    .setBrandHints(brand == null || brand.isBlank() ? List.of() : List.of(brand))
                    .build();
            out.add(new GeneratedSnippet(snippet, "unknown", false, false));
        }
        return out;
    }

    private static SpeakerRole roleOf(String role) {
        try {
            return SpeakerRole.valueOf(role);
        } catch (IllegalArgumentException e) {
            return SpeakerRole.UNKNOWN;
        }
    }

    private static Instant eventTime(String value, long fallback) {
        if (value == null || value.isBlank()) {
            return Instant.ofEpochMilli(fallback);
        }
        return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value))
                : Instant.parse(value);
    }

    private static List<Map<String, String>> jsonl(Path file) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            JsonLines.read(file.toString(), in, node -> {
                Map<String, String> row = new HashMap<>();
                node.fields().forEachRemaining(f -> row.put(normalize(f.getKey()),
                        f.getValue().isArray() && f.getValue().size() > 0 ? f.getValue().get(0).asText()
                                : f.getValue().asText()));
                rows.add(row);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    private static List<Map<String, String>> csv(Path file) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(reader)) {
            while (it.hasNext()) {
                Map<String, String> row = new HashMap<>();
                it.next().forEach((k, v) -> row.put(normalize(k), v));
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    private static String normalize(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return switch (k) {
            case "brandhints", "brandhint" -> "brand";
            case "conversation" -> "conversationid";
            case "id", "snippet" -> "snippetid";
            default -> k;
        };
    }
}
