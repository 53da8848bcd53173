package dev.sift.modelops.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads Schema-Guided Dialogue user turns in Sift's JSON Lines form: one object per user turn with {@code dialogue},
 * {@code turn}, {@code split} ({@code train}, {@code dev}, {@code test}), {@code text}, {@code intent} (the active
 * intent) and {@code context} (the turns before it, oldest first, each {@code {speaker, text}}). Validation and test
 * turns keep only the intents the training split has, since a head cannot name an intent it never saw.
 */
public final class SgdReader {

    private SgdReader() {
    }

    /**
     * @param file the JSON Lines file
     * @return the data set, named after the file
     */
    public static DialogueDataset read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * @param name the source's name, for messages and reports
     * @param in the JSON Lines content
     * @return the data set
     * @throws IllegalArgumentException naming the line of the first invalid record
     */
    public static DialogueDataset read(String name, InputStream in) {
        List<DialogueTurn> train = new ArrayList<>();
        List<DialogueTurn> validation = new ArrayList<>();
        List<DialogueTurn> test = new ArrayList<>();
        JsonLines.read(name, in, node -> {
            DialogueTurn turn = turn(node);
            switch (split(node)) {
                case "train" -> train.add(turn);
                case "dev" -> validation.add(turn);
                default -> test.add(turn);
            }
        });
        Set<String> intents = new TreeSet<>();
        train.forEach(t -> intents.add(t.intent()));
        Predicate<DialogueTurn> known = t -> intents.contains(t.intent());
        return new DialogueDataset(name, List.copyOf(intents), train,
                validation.stream().filter(known).toList(), test.stream().filter(known).toList());
    }

    private static DialogueTurn turn(JsonNode node) {
        List<ContextTurn> context = new ArrayList<>();
        JsonNode turns = node.get("context");
        if (turns != null && !turns.isNull()) {
            if (!turns.isArray()) {
                throw new IllegalArgumentException("'context' is not a list");
            }
            for (JsonNode turn : turns) {
                context.add(new ContextTurn(Speaker.of(string(turn, "speaker")), string(turn, "text")));
            }
        }
        JsonNode index = node.get("turn");
        return new DialogueTurn(string(node, "dialogue"), index == null ? -1 : index.asInt(-1), string(node, "text"),
                string(node, "intent"), context);
    }

    private static String split(JsonNode node) {
        String split = string(node, "split").trim().toLowerCase(Locale.ROOT);
        return switch (split) {
            case "train", "test" -> split;
            case "dev", "val", "validation" -> "dev";
            default -> throw new IllegalArgumentException("unknown split '" + split + "' (train, dev, test)");
        };
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no '" + field + "' string");
        }
        return value.asText();
    }
}
