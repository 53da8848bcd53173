package dev.sift.modelops.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every place of a Hugging Face {@code tokenizer.json}, outside the model's vocabulary, that names a token by its id:
 * the added tokens, the post-processor's special tokens and the padding id. Reading them (to check and keep them) and
 * renumbering them (after pruning) is one walk, so the two cannot disagree about where ids are.
 */
final class TokenIdReferences {

    /** What to do with each id found; returns the id to store in its place. */
    @FunctionalInterface
    interface IdVisitor {
        /**
         * @param id the id found
         * @param where a readable path to it, for messages
         * @return the id to store there
         */
        int visit(int id, String where);
    }

    private TokenIdReferences() {
    }

    /**
     * Visits every id reference, replacing each with what the visitor returns.
     *
     * @param root the tokenizer's root object (changed in place when the visitor renumbers)
     * @param source the file's name, for messages
     * @param visitor what to do with each id
     */
    static void walk(ObjectNode root, String source, IdVisitor visitor) {
        JsonNode added = root.path("added_tokens");
        if (added.isArray()) {
            for (int i = 0; i < added.size(); i++) {
                if (!(added.get(i) instanceof ObjectNode token)) {
                    throw invalid(source, "added_tokens[" + i + "] is not an object");
                }
                replaceInt(token, "id", source, "added_tokens[" + i + "].id", visitor);
            }
        } else if (!added.isMissingNode() && !added.isNull()) {
            throw invalid(source, "added_tokens is not a list");
        }
        JsonNode processor = root.path("post_processor");
        if (!processor.isMissingNode() && !processor.isNull()) {
            postProcessor(processor, source, "post_processor", visitor);
        }
        JsonNode padding = root.path("padding");
        if (padding instanceof ObjectNode pad && pad.has("pad_id")) {
            replaceInt(pad, "pad_id", source, "padding.pad_id", visitor);
        }
    }

    private static void postProcessor(JsonNode node, String source, String where, IdVisitor visitor) {
        if (!(node instanceof ObjectNode processor)) {
            throw invalid(source, where + " is not an object");
        }
        String type = processor.path("type").asText("");
        switch (type) {
            case "TemplateProcessing" -> {
                JsonNode specials = processor.path("special_tokens");
                if (!specials.isObject()) {
                    throw invalid(source, where + ".special_tokens is not an object");
                }
                specials.fields().forEachRemaining(e -> {
                    JsonNode ids = e.getValue().path("ids");
                    if (!(ids instanceof ArrayNode list)) {
                        throw invalid(source, where + ".special_tokens." + e.getKey() + ".ids is not a list");
                    }
                    for (int i = 0; i < list.size(); i++) {
                        String path = where + ".special_tokens." + e.getKey() + ".ids[" + i + "]";
                        list.set(i, IntNode.valueOf(visitor.visit(intValue(list.get(i), source, path), path)));
                    }
                });
            }
            case "BertProcessing", "RobertaProcessing" -> {
                for (String field : new String[] {"sep", "cls"}) {
                    JsonNode pair = processor.path(field);
                    if (!(pair instanceof ArrayNode p) || p.size() != 2) {
                        throw invalid(source, where + "." + field + " is not a [token, id] pair");
                    }
                    String path = where + "." + field + "[1]";
                    p.set(1, IntNode.valueOf(visitor.visit(intValue(p.get(1), source, path), path)));
                }
            }
            case "Sequence" -> {
                JsonNode list = processor.path("processors");
                if (!list.isArray()) {
                    throw invalid(source, where + ".processors is not a list");
                }
                for (int i = 0; i < list.size(); i++) {
                    postProcessor(list.get(i), source, where + ".processors[" + i + "]", visitor);
                }
            }
            case "ByteLevel" -> {
                // Trims offsets only: names no token.
            }
            default -> throw invalid(source, where + " is of type '" + type + "', which vocabulary pruning does not "
                    + "know how to renumber");
        }
    }

    private static void replaceInt(ObjectNode node, String field, String source, String where, IdVisitor visitor) {
        node.put(field, visitor.visit(intValue(node.get(field), source, where), where));
    }

    private static int intValue(JsonNode value, String source, String where) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(source, where + " is not an integer id: " + value);
        }
        return value.intValue();
    }

    private static InvalidTokenizerException invalid(String source, String problem) {
        return new InvalidTokenizerException(source + ": " + problem);
    }
}
