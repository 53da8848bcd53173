package dev.sift.gateway.support;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import java.time.Instant;
import java.util.List;

/** Builds snippets for specifications. */
public final class Snippets {

    private Snippets() {
    }

    /**
     * @param id snippet id
     * @param conversation conversation id
     * @param text text (see {@link ScriptedClassifier} for scripted scores)
     * @return a chat snippet of tenant {@code acme}
     */
    public static ConversationSnippet snippet(String id, String conversation, String text) {
        return snippet(id, conversation, text, List.of());
    }

    /**
     * @param id snippet id
     * @param conversation conversation id
     * @param text text
     * @param brandHints brand hints
     * @return a chat snippet of tenant {@code acme}
     */
    public static ConversationSnippet snippet(String id, String conversation, String text, List<String> brandHints) {
        return ConversationSnippet.newBuilder()
                .setSnippetId(id).setConversationId(conversation).setTenant("acme").setChannel("chat")
                .setSpeaker(Speaker.newBuilder().setId("u-1").setRole(SpeakerRole.CUSTOMER).build())
                .setText(text).setEventTime(Instant.ofEpochMilli(1_700_000_000_000L)).setBrandHints(brandHints)
                .build();
    }
}
