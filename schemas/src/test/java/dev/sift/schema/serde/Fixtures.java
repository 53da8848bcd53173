package dev.sift.schema.serde;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records used across the serde specifications. */
final class Fixtures {

    private Fixtures() {
    }

    static ConversationSnippet snippet() {
        return ConversationSnippet.newBuilder()
                .setSnippetId("s-1")
                .setConversationId("c-1")
                .setTenant("acme")
                .setChannel("chat")
                .setSpeaker(Speaker.newBuilder().setId("u-7").setRole(SpeakerRole.CUSTOMER).setDisplayName("Ana").build())
                .setText("I was charged twice for my order, I want a refund")
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setBrandHints(List.of("Brightcart"))
                .setMetadata(Map.of("locale", "en-GB"))
                .setLanguage("en")
                .build();
    }
}
