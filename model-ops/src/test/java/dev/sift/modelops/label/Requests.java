package dev.sift.modelops.label;

import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.RequestKind;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Requests as the gateway writes them, and labeler settings fit for tests (short timeouts and backoffs). */
final class Requests {

    static {
        // Building a request resolves its record-typed defaults through Avro's class allow-list.
        dev.sift.schema.AvroTrust.ensure();
    }

    private Requests() {
    }

    static LlmRequest request(String snippetId, String text, RequestKind kind) {
        ConversationSnippet snippet = ConversationSnippet.newBuilder().setSnippetId(snippetId)
                .setConversationId("conv-" + snippetId).setTenant("acme").setChannel("chat")
                .setSpeaker(Speaker.newBuilder().setId("u1").setRole(SpeakerRole.CUSTOMER).build()).setText(text)
                .setEventTime(Instant.parse("2026-01-01T00:00:00Z")).setBrandHints(List.of("Orbit Streaming"))
                .build();
        return LlmRequest.newBuilder().setSnippet(snippet).setMatchedIntents(List.of()).setReasons(List.of())
                .setPolicy(AppliedPolicy.newBuilder().setPolicyId("default").setRevision(1).build())
                .setModelVersion("sift-default-test").setDecidedAt(Instant.parse("2026-01-01T00:00:01Z"))
                .setKind(kind).build();
    }

    static LlmRequest request(String snippetId, String text) {
        return request(snippetId, text, RequestKind.FORWARD);
    }

    /**
     * Settings for a scripted server: fast retries, no rate limits, and a timeout generous enough for a loaded
     * machine (tests about timeouts shorten it).
     */
    static LabelerConfig fastConfig(String baseUrl) {
        LabelerConfig config = new LabelerConfig();
        config.setBaseUrl(baseUrl);
        config.setModel("gpt-test");
        config.setTimeout(Duration.ofSeconds(5));
        config.setMaxAttempts(3);
        config.setInitialBackoff(Duration.ofMillis(10));
        config.setMaxBackoff(Duration.ofMillis(50));
        config.setRequestsPerSecond(0);
        config.setTokensPerMinute(0);
        config.setInputPricePerMillion(0.15);
        config.setOutputPricePerMillion(0.60);
        return config;
    }
}
