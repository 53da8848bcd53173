package dev.sift.schema.serde;

import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.Polarity;
import dev.sift.schema.RequestKind;
import dev.sift.schema.SnippetFeedback;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An LLM request and a feedback record, as the JSON and registry specifications exchange them. */
final class LlmRequestFixture {

    private LlmRequestFixture() {
    }

    static LlmRequest request() {
        return LlmRequest.newBuilder().setSnippet(Fixtures.snippet()).setMatchedIntents(List.of())
                .setReasons(List.of())
                .setPolicy(AppliedPolicy.newBuilder().setPolicyId("acme").setRevision(3).setAuditRate(0.02f).build())
                .setModelVersion("m-1").setDecidedAt(Instant.ofEpochMilli(1_700_000_000_100L))
                .setKind(RequestKind.FORWARD).build();
    }

    static SnippetFeedback feedback() {
        return SnippetFeedback.newBuilder().setSnippetId("s-1").setIntents(List.of("refund_request"))
                .setPolarity(Polarity.NEGATIVE).setSource("llm").setLabeledAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setOrigin(LabelOrigin.LLM).setLabeler("small-llm").setBrand("Brightcart")
                .setConfidences(Map.of("refund_request", 0.9f)).setContext(List.of("hi")).build();
    }
}
