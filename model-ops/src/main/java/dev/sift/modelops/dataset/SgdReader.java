package dev.sift.modelops.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sift.classifier.context.SpokenTurn;
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
 * intent) and {@code context} (the turns before it, oldest first, each {@code {speaker, text}}; the file holds the
 * last exchange). Each turn's context is rebuilt into its dialogue's whole earlier history (user turn, system
 * answer, user turn, ...). Validation and test turns keep only the intents the training split has, since a head
 * cannot name an intent it never saw.
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
        List<DialogueTurn> read = new ArrayList<>();
        List<String> splits = new ArrayList<>();
        JsonLines.read(name, in, node -> {
            read.add(turn(node));
            splits.add(split(node));
        });
        List<DialogueTurn> train = inSplit(read, splits, "train");
        List<DialogueTurn> validation = inSplit(read, splits, "dev");
        List<DialogueTurn> test = inSplit(read, splits, "test");
        train = DialogueHistory.rebuild(train);
        validation = DialogueHistory.rebuild(validation);
        test = DialogueHistory.rebuild(test);
        Set<String> intents = new TreeSet<>();
        train.forEach(t -> intents.add(t.intent()));
        Predicate<DialogueTurn> known = t -> intents.contains(t.intent());
        return new DialogueDataset(name, List.copyOf(intents), train,
                validation.stream().filter(known).toList(), test.stream().filter(known).toList());
    }

    private static List<DialogueTurn> inSplit(List<DialogueTurn> turns, List<String> splits, String split) {
        List<DialogueTurn> out = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            if (splits.get(i).equals(split)) {
                out.add(turns.get(i));
            }
        }
        return out;
    }

    private static DialogueTurn turn(JsonNode node) {
        List<SpokenTurn> context = DatasetReaders.context(node.get("context"));
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
