package dev.sift.schema.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void shouldTakeConfiguredNamesAndDefaultTheRest() {
        // Given a sift.topics section naming two topics, plus a layout setting that is not a name
        Map<String, Object> section = Map.of("snippets", "acme.snippets", "audit-requests", "acme.audits",
                "partitions", 12);

        // When
        TopicNames names = TopicNames.from(section);

        // Then
        assertThat(names.snippets()).isEqualTo("acme.snippets");
        assertThat(names.auditRequests()).isEqualTo("acme.audits");
        assertThat(names.decisions()).isEqualTo(TopicRole.DECISIONS.defaultName());
        assertThat(names.asProperties()).hasSize(TopicRole.values().length);
    }

    @Test
    void shouldPrefixEveryName() {
        TopicNames prefixed = TopicNames.defaults().prefixed("t1");

        assertThat(prefixed.asProperties().values()).allSatisfy(name -> assertThat(name).startsWith("t1.sift."));
    }

    @Test
    void shouldRefuseABlankName() {
        assertThatThrownBy(() -> TopicNames.defaults().with(TopicRole.FEEDBACK, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sift.topics.feedback");
    }

    @Test
    void shouldNameTheKnownKeysForAnUnknownOne() {
        assertThatThrownBy(() -> TopicRole.ofKey("llm-request"))
                .hasMessageContaining("llm-requests").hasMessageContaining("audit-requests");
    }
}
