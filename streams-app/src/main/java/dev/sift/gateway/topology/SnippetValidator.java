package dev.sift.gateway.topology;

import dev.sift.schema.ConversationSnippet;

/**
 * Decides whether a decoded record is a usable snippet. What it refuses goes to the dead-letter topic with the
 * exception's message as the reason; odd but meaningful text (control or zero-width characters, emoji, mixed
 * scripts, one endless token, more tokens than the model reads) is accepted and scored.
 */
public final class SnippetValidator {

    private final InputLimits limits;

    /**
     * @param limits what is accepted
     */
    public SnippetValidator(InputLimits limits) {
        this.limits = limits;
    }

    /**
     * @param key the record key, which must be the conversation id so a conversation keeps its order
     * @param snippet the decoded record value
     * @return the snippet, when usable
     * @throws InvalidSnippetException naming what is wrong
     */
    public ConversationSnippet validate(String key, ConversationSnippet snippet) {
        if (snippet == null) {
            throw new InvalidSnippetException("empty record: a snippet record needs a value");
        }
        if (snippet.getSnippetId().isBlank()) {
            throw new InvalidSnippetException("snippet has no snippetId");
        }
        String id = snippet.getSnippetId();
        if (snippet.getConversationId().isBlank()) {
            throw new InvalidSnippetException("snippet " + id + " has no conversationId");
        }
        if (key == null) {
            throw new InvalidSnippetException("snippet " + id + " has no record key: the key must be its"
                    + " conversation id, which keeps a conversation's snippets in order");
        }
        if (snippet.getText().isBlank()) {
            throw new InvalidSnippetException("snippet " + id + " has no text");
        }
        // Counted without encoding: a several-MB text must not cost a several-MB copy to be refused.
        long bytes = utf8Length(snippet.getText());
        if (bytes > limits.maxTextBytes()) {
            throw new InvalidSnippetException("snippet " + id + " has " + bytes + " bytes of text, more than"
                    + " sift.input.max-text-bytes (" + limits.maxTextBytes() + ")");
        }
        return snippet;
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
