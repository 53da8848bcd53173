package dev.sift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.SpeakerRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Specification of the demo's stream: interleaved threads, and short replies that mean what they answer. */
class ConversationGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    private static List<GeneratedSnippet> stream() {
        return new ConversationGenerator(PhraseBank.load(), 42, START).next(2000);
    }

    @Test
    void shouldGiveTheSameStreamForTheSameSeed() {
        assertThat(stream()).isEqualTo(stream());
    }

    @Test
    void shouldSendEachShortReplyWhereItsContextIs() {
        // Given the stream, with every snippet by id
        List<GeneratedSnippet> stream = stream();
        Map<String, GeneratedSnippet> byId = new HashMap<>();
        Map<String, GeneratedSnippet> previousInConversation = new HashMap<>();
        int replies = 0;
        int answers = 0;
        for (GeneratedSnippet generated : stream) {
            ConversationSnippet snippet = generated.snippet();
            GeneratedSnippet before = previousInConversation.put(snippet.getConversationId(), generated);
            if (generated.contextual()) {
                assertThat(generated.relevant()).isTrue();
                if (snippet.getReplyTo() != null) {
                    // Then a "same here" replies, without a thread, to the relevant turn it agrees with
                    GeneratedSnippet answered = byId.get(snippet.getReplyTo());
                    assertThat(answered).isNotNull();
                    assertThat(answered.snippet().getConversationId()).isEqualTo(snippet.getConversationId());
                    assertThat(answered.truth()).isEqualTo(generated.truth());
                    assertThat(snippet.getThreadId()).isNull();
                    replies++;
                } else {
                    // And a "yes please" comes right after the agent's offer in its conversation
                    assertThat(before.snippet().getSpeaker().getRole()).isEqualTo(SpeakerRole.AGENT);
                    answers++;
                }
            }
            byId.put(snippet.getSnippetId(), generated);
        }
        assertThat(replies).isPositive();
        assertThat(answers).isPositive();
        assertThat(stream).filteredOn(g -> g.snippet().getThreadId() != null).isNotEmpty();
    }
}
