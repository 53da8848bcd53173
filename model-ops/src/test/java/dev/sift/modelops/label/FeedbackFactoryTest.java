package dev.sift.modelops.label;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.LabelOrigin;
import dev.sift.schema.Polarity;
import dev.sift.schema.SnippetFeedback;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers become feedback records; intents outside the catalogue are dropped and reported. */
class FeedbackFactoryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final FeedbackFactory factory = new FeedbackFactory(IntentCatalogue.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldKeepCatalogueIntentsInCatalogueOrderAndDropTheOthers() {
        TeacherAnswer answer = new TeacherAnswer(LabelOrigin.LLM, "gpt-x", List.of("refund_request", "Complaint",
                "loyalty_points", "complaint"), Polarity.NEGATIVE, "Orbit Streaming",
                Map.of("complaint", 0.8f, "refund_request", 0.7f, "loyalty_points", 0.6f));

        FeedbackFactory.Labeled labeled = factory.feedback(Requests.request("s-9", "refund me, useless"), answer);

        SnippetFeedback feedback = labeled.feedback();
        assertThat(feedback.getSnippetId()).isEqualTo("s-9");
        assertThat(feedback.getIntents()).containsExactly("complaint", "refund_request");
        assertThat(feedback.getConfidences()).containsOnlyKeys("complaint", "refund_request");
        assertThat(labeled.unknownIntents()).containsExactly("loyalty_points");
        assertThat(feedback.getOrigin()).isEqualTo(LabelOrigin.LLM);
        assertThat(feedback.getSource()).isEqualTo("llm");
        assertThat(feedback.getLabeler()).isEqualTo("gpt-x");
        assertThat(feedback.getBrand()).isEqualTo("Orbit Streaming");
        assertThat(feedback.getPolarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(feedback.getLabeledAt()).isEqualTo(NOW);
        assertThat(feedback.getContext()).isEmpty();
    }

    @Test
    void shouldLabelIrrelevantWhenNoAnsweredIntentIsInTheCatalogue() {
        TeacherAnswer answer = new TeacherAnswer(LabelOrigin.LLM, "gpt-x", List.of("weather_chat"), Polarity.NEUTRAL,
                null, Map.of());

        FeedbackFactory.Labeled labeled = factory.feedback(Requests.request("s-1", "nice day"), answer);

        assertThat(labeled.feedback().getIntents()).isEmpty();
        assertThat(labeled.unknownIntents()).containsExactly("weather_chat");
    }
}
