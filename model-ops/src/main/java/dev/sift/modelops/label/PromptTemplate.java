package dev.sift.modelops.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sift.modelops.learning.RecordLimits;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.LlmRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two messages sent to the LLM for one request: the system message (instructions and the intent catalogue, the
 * same for every request, so providers that cache prompt prefixes bill it once) and the user message (the snippet as
 * a JSON object, so nothing in its text can pass for the end of the data).
 *
 * <p>The template is text with two placeholders, {@value #INTENTS} (one {@code - name: description} line per intent)
 * and {@value #GUIDELINES}; ops may replace the shipped one with their own file.
 */
public final class PromptTemplate {

    /** Replaced by the catalogue's intents, one line each. */
    public static final String INTENTS = "{{intents}}";
    /** Replaced by the catalogue's guidelines, one line each. */
    public static final String GUIDELINES = "{{guidelines}}";
    private static final String DEFAULT_RESOURCE = "prompt.txt";
    /** A rough and deliberately high count of characters per token for English text, to budget tokens up front. */
    private static final int CHARS_PER_TOKEN = 3;

    private final String systemMessage;
    private final int maxSnippetChars;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param template the template text, holding {@value #INTENTS}
     * @param catalogue the intents to list
     * @param maxSnippetChars longest snippet text sent; longer texts are cut (the student model sees less still)
     * @throws IllegalArgumentException when the template does not list the intents
     */
    public PromptTemplate(String template, IntentCatalogue catalogue, int maxSnippetChars) {
        if (!template.contains(INTENTS)) {
            throw new IllegalArgumentException("the prompt template must contain " + INTENTS
                    + " where the intent catalogue goes");
        }
        if (maxSnippetChars < 1) {
            throw new IllegalArgumentException("max-snippet-chars must be positive");
        }
        String intents = catalogue.intents().stream().map(i -> "- " + i.name() + ": " + i.description())
                .collect(Collectors.joining("\n"));
        String guidelines = catalogue.guidelines().isEmpty() ? "(none)"
                : catalogue.guidelines().stream().map(g -> "- " + g).collect(Collectors.joining("\n"));
        this.systemMessage = template.replace(INTENTS, intents).replace(GUIDELINES, guidelines).strip();
        this.maxSnippetChars = maxSnippetChars;
    }

    /** @return the template shipped with model-ops */
    public static String defaultTemplate() {
        try (InputStream in = PromptTemplate.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default prompt template is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a template file (UTF-8)
     * @return its text
     */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prompt template " + file, e);
        }
    }

    /** @return the system message: instructions and catalogue */
    public String systemMessage() {
        return systemMessage;
    }

    /**
     * @param request a request to label
     * @return the user message: the snippet as a JSON object, its text cut to the configured length, with the
     *     earlier turns of its thread it was judged with ({@code context}, oldest first, the latest ones within the
     *     same length in all) when it has any
     */
    public String userMessage(LlmRequest request) {
        ConversationSnippet snippet = request.getSnippet();
        ObjectNode node = json.createObjectNode();
        node.put("text", RecordLimits.cut(snippet.getText(), maxSnippetChars));
        node.put("channel", snippet.getChannel());
        node.put("speakerRole", snippet.getSpeaker().getRole().name());
        node.putPOJO("brandHints", snippet.getBrandHints());
        if (snippet.getLanguage() != null) {
            node.put("language", snippet.getLanguage());
        }
        List<ContextTurn> context = request.getContext() == null ? List.of() : request.getContext();
        if (!context.isEmpty()) {
            addLatestWithin(context, node.putArray("context"));
        }
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a snippet as JSON", e);
        }
    }

    /**
     * @param userMessage a user message
     * @return an upper estimate of the input tokens of a call with it, for the token rate limit
     */
    public long estimatedInputTokens(String userMessage) {
        return (systemMessage.length() + userMessage.length()) / CHARS_PER_TOKEN + 16;
    }

    /** Adds the latest turns whose texts fit {@code maxSnippetChars} in all, oldest first, the oldest one cut. */
    private void addLatestWithin(List<ContextTurn> context, ArrayNode turns) {
        int first = context.size();
        int chars = 0;
        while (first > 0 && chars < maxSnippetChars) {
            chars += context.get(--first).getText().length();
        }
        int over = Math.max(0, chars - maxSnippetChars);
        for (int i = first; i < context.size(); i++) {
            String text = context.get(i).getText();
            if (i == first && over > 0) {
                text = RecordLimits.cut(text, text.length() - over);
            }
            turns.addObject().put("speakerRole", context.get(i).getRole().name()).put("text", text);
        }
    }
}
