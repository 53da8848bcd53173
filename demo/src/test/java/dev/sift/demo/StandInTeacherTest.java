package dev.sift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.modelops.label.FailureKind;
import dev.sift.modelops.label.LabelingException;
import dev.sift.modelops.label.TeacherAnswer;
import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.AvroTrust;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.Polarity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's stand-in teacher labels what the generator wrote each snippet for, and says it is a stand-in. */
class StandInTeacherTest {

    static {
        // Records with defaults are built here, which Avro allows only for trusted classes.
        AvroTrust.ensure();
    }

    private final List<GeneratedSnippet> generated = new ConversationGenerator(PhraseBank.load(), 7,
            Instant.parse("2026-11-23T09:00:00Z")).next(400);
    private final StandInTeacher teacher = new StandInTeacher(byId(generated));

    @Test
    void shouldLabelEachSnippetWithWhatTheGeneratorWroteItFor() throws Exception {
        for (GeneratedSnippet g : generated) {
            // When the teacher labels a generated snippet
            TeacherAnswer answer = teacher.label(request(g.snippet()));

            // Then it carries the intent a relevant turn was written for, a post's attitude, nothing for the rest
            assertThat(answer.origin()).isEqualTo(LabelOrigin.LLM);
            assertThat(answer.labeler()).isEqualTo(StandInTeacher.NAME).contains("stand-in");
            if (g.truth().startsWith("post-")) {
                assertThat(answer.intents()).isEmpty();
                assertThat(answer.polarity())
                        .isEqualTo(Polarity.valueOf(g.truth().substring(5).toUpperCase(Locale.ROOT)));
            } else if (g.relevant()) {
                assertThat(answer.intents()).containsExactly(g.truth());
            } else {
                assertThat(answer.intents()).isEmpty();
                assertThat(answer.polarity()).isNull();
            }
        }
        assertThat(generated).anyMatch(g -> g.truth().startsWith("post-")).anyMatch(GeneratedSnippet::relevant)
                .anyMatch(g -> !g.relevant());
    }

    @Test
    void shouldRefuseASnippetTheGeneratorDidNotWrite() {
        ConversationSnippet stranger = ConversationSnippet.newBuilder(generated.get(0).snippet())
                .setSnippetId("not-generated").build();

        assertThatThrownBy(() -> teacher.label(request(stranger))).isInstanceOf(LabelingException.class)
                .satisfies(e -> assertThat(((LabelingException) e).kind()).isEqualTo(FailureKind.INVALID_REQUEST));
    }

    private static LlmRequest request(ConversationSnippet snippet) {
        return LlmRequest.newBuilder().setSnippet(snippet).setMatchedIntents(List.of()).setReasons(List.of())
                .setPolicy(AppliedPolicy.newBuilder().setPolicyId("*").setRevision(0).build())
                .setModelVersion("v1").setDecidedAt(Instant.EPOCH).build();
    }

    private static Map<String, GeneratedSnippet> byId(List<GeneratedSnippet> snippets) {
        Map<String, GeneratedSnippet> out = new HashMap<>();
        snippets.forEach(g -> out.put(g.snippet().getSnippetId(), g));
        return out;
    }
}
