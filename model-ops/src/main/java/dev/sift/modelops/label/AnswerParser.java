package dev.sift.modelops.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.Polarity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a chat-completions response and the labels in it, strictly: the envelope must hold a choice with a message,
 * the message's content must be one JSON object with {@code intents} (a list of texts) and {@code polarity} (one of
 * three words, or null), and {@code brand} (text or null) and {@code confidences} (intent → number in [0,1]) when
 * present must have those types. Anything else is an invalid answer, worth another attempt; other fields are ignored.
 * Whether the intents are in the catalogue is not decided here.
 */
final class AnswerParser {

    private static final int MAX_BRAND = 200;
    private static final int MAX_LABELER = 200;
    private static final int MAX_INTENTS = 100;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * What the API returned, before the labels are read.
     *
     * @param content the assistant message's content
     * @param model the model name the API reports (the configured one when it reports none)
     * @param usage tokens used
     */
    record Completion(String content, String model, Usage usage) {
    }

    /**
     * @param body a 200 response body
     * @param requestedModel the model asked for, used when the answer names none
     * @return the completion
     * @throws CallFailure INVALID_ANSWER for a body that is not a completion, REFUSED for a refusal or content filter
     */
    Completion completion(byte[] body, String requestedModel) throws CallFailure {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("response is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw invalid("response is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("response is not a JSON object");
        }
        Usage usage = usage(root.get("usage"));
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty() || !choices.get(0).isObject()) {
            throw invalid("response has no choices", usage);
        }
        JsonNode choice = choices.get(0);
        String finish = text(choice.get("finish_reason"));
        JsonNode message = choice.get("message");
        if (message == null || !message.isObject()) {
            throw invalid("choice has no message", usage);
        }
        String refusal = text(message.get("refusal"));
        if (refusal != null) {
            throw new CallFailure(CallResult.REFUSED, "the model refused: " + refusal, usage);
        }
        if ("content_filter".equals(finish)) {
            throw new CallFailure(CallResult.REFUSED, "the provider's content filter stopped the answer", usage);
        }
        if ("length".equals(finish)) {
            throw invalid("answer cut at max-output-tokens", usage);
        }
        String content = text(message.get("content"));
        if (content == null) {
            throw invalid("message has no text content", usage);
        }
        String model = text(root.get("model"));
        if (model == null || model.isBlank() || model.length() > MAX_LABELER) {
            model = requestedModel;
        }
        return new Completion(content, model, usage);
    }

    /**
     * @param completion a completion
     * @return its labels
     * @throws CallFailure INVALID_ANSWER, saying what is wrong
     */
    TeacherAnswer labels(Completion completion) throws CallFailure {
        JsonNode answer;
        try {
            answer = json.readTree(completion.content());
        } catch (JsonProcessingException e) {
            throw invalid("answer is not JSON: " + e.getOriginalMessage(), completion.usage());
        }
        if (answer == null || !answer.isObject()) {
            throw invalid("answer is not a JSON object", completion.usage());
        }
        JsonNode intentsNode = answer.get("intents");
        if (intentsNode == null || !intentsNode.isArray()) {
            throw invalid("answer has no 'intents' list", completion.usage());
        }
        if (intentsNode.size() > MAX_INTENTS) {
            throw invalid("answer lists more than " + MAX_INTENTS + " intents", completion.usage());
        }
        List<String> intents = new ArrayList<>();
        for (JsonNode intent : intentsNode) {
            if (!intent.isTextual() || intent.asText().isBlank()) {
                throw invalid("'intents' holds something other than names: " + intent, completion.usage());
            }
            intents.add(intent.asText());
        }
        if (!answer.has("polarity")) {
            throw invalid("answer has no 'polarity'", completion.usage());
        }
        Polarity polarity = polarity(answer.get("polarity"), completion.usage());
        String brand = null;
        JsonNode brandNode = answer.get("brand");
        if (brandNode != null && !brandNode.isNull()) {
            if (!brandNode.isTextual() || brandNode.asText().length() > MAX_BRAND) {
                throw invalid("'brand' must be a text of at most " + MAX_BRAND + " characters or null",
                        completion.usage());
            }
            brand = brandNode.asText().isBlank() ? null : brandNode.asText().strip();
        }
        Map<String, Float> confidences = new LinkedHashMap<>();
        JsonNode confidenceNode = answer.get("confidences");
        if (confidenceNode != null && !confidenceNode.isNull()) {
            if (!confidenceNode.isObject() || confidenceNode.size() > MAX_INTENTS) {
                throw invalid("'confidences' must be an object of intent → number", completion.usage());
            }
            Iterator<Map.Entry<String, JsonNode>> fields = confidenceNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (!value.isNumber() || !(value.asDouble() >= 0 && value.asDouble() <= 1)) {
                    throw invalid("confidence of " + field.getKey() + " must be a number in [0,1], got " + value,
                            completion.usage());
                }
                confidences.put(field.getKey(), (float) value.asDouble());
            }
        }
        return new TeacherAnswer(LabelOrigin.LLM, completion.model(), intents, polarity, brand, confidences);
    }

    private static Polarity polarity(JsonNode node, Usage usage) throws CallFailure {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            switch (node.asText().strip().toLowerCase(Locale.ROOT)) {
                case "negative":
                    return Polarity.NEGATIVE;
                case "neutral":
                    return Polarity.NEUTRAL;
                case "positive":
                    return Polarity.POSITIVE;
                default:
                    break;
            }
        }
        throw invalid("'polarity' must be negative, neutral, positive or null, got " + node, usage);
    }

    private static Usage usage(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Usage.NONE;
        }
        return new Usage(count(node.get("prompt_tokens")), count(node.get("completion_tokens")));
    }

    private static long count(JsonNode node) {
        return node != null && node.canConvertToLong() && node.asLong() > 0 ? node.asLong() : 0;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static CallFailure invalid(String message) {
        return invalid(message, Usage.NONE);
    }

    private static CallFailure invalid(String message, Usage usage) {
        String shown = message.length() > 300 ? message.substring(0, 300) + "…" : message;
        return new CallFailure(CallResult.INVALID_ANSWER, shown, usage);
    }
}
