package dev.sift.gateway.support;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import dev.sift.schema.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
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

    /**
     * The wire bytes of a snippet whose text is not valid UTF-8 (it starts C3 28, a lead byte without its
     * continuation), as a buggy producer would send it.
     *
     * @param id snippet id
     * @param conversation conversation id
     * @return the record value
     */
    public static byte[] withInvalidUtf8Text(String id, String conversation) {
        String marker = "QQ" + id;
        byte[] bytes = AvroSerde.of(ConversationSnippet.class).serialize("t", snippet(id, conversation, marker));
        byte[] text = marker.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at <= bytes.length - text.length; at++) {
            if (Arrays.equals(bytes, at, at + text.length, text, 0, text.length)) {
                bytes[at] = (byte) 0xC3;
                bytes[at + 1] = (byte) 0x28;
                return bytes;
            }
        }
        throw new IllegalStateException("the text is not in the record");
    }
}
