package dev.sift.modelops.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.modelops.dataset.DatasetReaders;
import dev.sift.modelops.dataset.LabelConfidences;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.RequestKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One example as a line of {@code examples.jsonl}: Sift's JSONL ({@code text}, {@code intents}, {@code sentiment},
 * {@code brand}, {@code split} = {@code train} or {@code test} for the held-out slice, {@code context}, the earlier
 * turns the snippet was judged with, when it has any, and {@code confidences}, the labeler's confidence per intent,
 * when it gave any), so {@code model-ops train}, {@code model-ops finetune} and {@code model-ops evaluate} read a data set version as it is, plus what the loop needs to keep joining
 * ({@code snippetId}, {@code origin}, {@code labeler}, {@code labeledAt}, {@code kind}, {@code modelIntents},
 * {@code modelVersion}, {@code tenant}, and {@code auditRate} for an audit sample). Fields are always written in the
 * same order, so equal content gives equal bytes.
 */
public final class ExampleLines {

    /** The {@code split} of training examples. */
    public static final String TRAIN = "train";
    /** The {@code split} of held-out examples. */
    public static final String HELD_OUT = "test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleLines() {
    }

    /**
     * @param example an example
     * @param heldOut whether it is held out
     * @return its line, without the line break
     */
    public static String line(LabeledExample example, boolean heldOut) {
        ObjectNode node = JSON.createObjectNode();
        node.put("snippetId", example.snippetId());
        node.put("text", example.request().text());
        strings(node.putArray("intents"), example.label().intents());
        if (!example.label().confidences().isEmpty()) {
            // Only when there are some: the lines of labels without confidences keep their bytes, and so the data
            // set versions made of them keep their hashes.
            ObjectNode confidences = node.putObject("confidences");
            example.label().confidences().forEach(confidences::put);
        }
        node.put("sentiment", example.label().polarity());
        node.put("brand", example.label().brand());
        node.put("split", heldOut ? HELD_OUT : TRAIN);
        if (!example.request().context().isEmpty()) {
            ArrayNode context = node.putArray("context");
            for (SpokenTurn turn : example.request().context()) {
                context.addObject().put("speaker", turn.role().name().toLowerCase(Locale.ROOT))
                        .put("text", turn.text());
            }
        }
        node.put("origin", example.label().origin().name());
        node.put("labeler", example.label().labeler());
        node.put("labeledAt", Instant.ofEpochMilli(example.label().labeledAt()).toString());
        node.put("kind", example.request().kind().name());
        strings(node.putArray("modelIntents"), example.request().modelIntents());
        node.put("modelVersion", example.request().modelVersion());
        if (!example.request().tenant().isEmpty()) {
            node.put("tenant", example.request().tenant());
        }
        if (example.request().auditRate() > 0) {
            node.put("auditRate", example.request().auditRate());
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write example " + example.snippetId(), e);
        }
    }

    /**
     * One line read back.
     *
     * @param example the example
     * @param heldOut whether it is held out
     */
    public record Parsed(LabeledExample example, boolean heldOut) {
    }

    /**
     * @param line a line written by {@link #line}
     * @return the example and its split
     * @throws IllegalArgumentException when the line is not one
     */
    public static Parsed parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            String snippetId = node.get("snippetId").asText();
            RequestText request = new RequestText(snippetId, node.get("text").asText(),
                    RequestKind.valueOf(node.get("kind").asText()), strings(node.get("modelIntents")),
                    node.path("modelVersion").asText(""), node.path("tenant").asText(""),
                    node.path("auditRate").asDouble(0), DatasetReaders.context(node.get("context")));
            SnippetLabel label = new SnippetLabel(snippetId, strings(node.get("intents")),
                    textOrNull(node, "sentiment"), textOrNull(node, "brand"),
                    LabelOrigin.valueOf(node.get("origin").asText()), node.path("labeler").asText(""),
                    Instant.parse(node.get("labeledAt").asText()).toEpochMilli(),
                    LabelConfidences.read(node.get("confidences")));
            return new Parsed(new LabeledExample(request, label), HELD_OUT.equals(node.get("split").asText()));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an example line: " + e.getMessage(), e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
