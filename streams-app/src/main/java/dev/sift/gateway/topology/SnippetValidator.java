package dev.sift.gateway.topology;

import dev.sift.schema.ConversationSnippet;
import java.util.Map;

/**
 * Decides whether a decoded record is a usable snippet: the last of the gateway's input checks, field by field,
 * after the raw record ({@link RawRecordCheck}) and its shape (the decoder's limits) passed. What it refuses goes to
 * the dead-letter topic with the exception's message as the reason, naming the field and the setting; values from
 * the record are quoted at most 64 characters long. Odd but meaningful text (control or zero-width characters,
 * emoji, mixed scripts, one endless token, more tokens than the model reads) is accepted and scored.
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
        String id = Utf8.quoted(snippet.getSnippetId());
        Field field = new Field(id);
        field.atMost("a snippetId", snippet.getSnippetId(), limits.maxIdBytes(), "max-id-bytes");
        if (snippet.getConversationId().isBlank()) {
            throw new InvalidSnippetException("snippet " + id + " has no conversationId");
        }
        field.atMost("a conversationId", snippet.getConversationId(), limits.maxIdBytes(), "max-id-bytes");
        field.atMost("a threadId", snippet.getThreadId(), limits.maxIdBytes(), "max-id-bytes");
        field.atMost("a replyTo", snippet.getReplyTo(), limits.maxIdBytes(), "max-id-bytes");
        if (key == null) {
            throw new InvalidSnippetException("snippet " + id + " has no record key: the key must be its"
                    + " conversation id, which keeps a conversation's snippets in order");
        }
        field.atMost("a tenant", snippet.getTenant(), limits.maxTenantBytes(), "max-tenant-bytes");
        field.atMost("a channel", snippet.getChannel(), limits.maxChannelBytes(), "max-channel-bytes");
        field.atMost("a speaker id", snippet.getSpeaker().getId(), limits.maxSpeakerBytes(), "max-speaker-bytes");
        field.atMost("a speaker displayName", snippet.getSpeaker().getDisplayName(), limits.maxSpeakerBytes(),
                "max-speaker-bytes");
        field.atMost("a language", snippet.getLanguage(), limits.maxLanguageBytes(), "max-language-bytes");
        checkBrandHints(snippet, field, id);
        checkMetadata(snippet, id);
        if (snippet.getText().isBlank()) {
            throw new InvalidSnippetException("snippet " + id + " has no text");
        }
        long bytes = Utf8.length(snippet.getText());
        if (bytes > limits.maxTextBytes()) {
            throw new InvalidSnippetException("snippet " + id + " has " + bytes + " bytes of text, more than"
                    + " sift.input.max-text-bytes (" + limits.maxTextBytes() + ")");
        }
        return snippet;
    }

    private void checkBrandHints(ConversationSnippet snippet, Field field, String id) {
        int hints = snippet.getBrandHints().size();
        if (hints > limits.maxBrandHints()) {
            throw new InvalidSnippetException("snippet " + id + " has " + hints + " brand hints, more than "
                    + InputLimits.PREFIX + "max-brand-hints (" + limits.maxBrandHints() + ")");
        }
        for (String hint : snippet.getBrandHints()) {
            field.atMost("a brand hint", hint, limits.maxBrandHintBytes(), "max-brand-hint-bytes");
        }
    }

    private void checkMetadata(ConversationSnippet snippet, String id) {
        Map<String, String> metadata = snippet.getMetadata();
        if (metadata.size() > limits.maxMetadataEntries()) {
            throw new InvalidSnippetException("snippet " + id + " has " + metadata.size() + " metadata entries,"
                    + " more than " + InputLimits.PREFIX + "max-metadata-entries (" + limits.maxMetadataEntries()
                    + ")");
        }
        long bytes = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            bytes += Utf8.length(entry.getKey()) + Utf8.length(entry.getValue());
        }
        if (bytes > limits.maxMetadataBytes()) {
            throw new InvalidSnippetException("snippet " + id + " has " + bytes + " bytes of metadata, more than "
                    + InputLimits.PREFIX + "max-metadata-bytes (" + limits.maxMetadataBytes() + ")");
        }
    }

    /** Checks string fields of one snippet against their byte limits. */
    private record Field(String id) {

        void atMost(String what, CharSequence value, int max, String setting) {
            long bytes = Utf8.length(value);
            if (bytes > max) {
                throw new InvalidSnippetException("snippet " + id + " has " + what + " of " + bytes + " bytes, more"
                        + " than " + InputLimits.PREFIX + setting + " (" + max + ")");
            }
        }
    }
}
