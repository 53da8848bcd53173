package dev.sift.gateway.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Specification of the conversation context settings ({@code sift.context.*}). */
class ContextConfigTest {

    @Test
    void shouldBindTheDocumentedDefaultsFromTheConfiguration() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("kafka.streams.enabled", false, "kafka.enabled", false))
                .start()) {
            // Then application.yml, the @Bindable defaults and the constant the tests use agree
            assertThat(context.getBean(ContextConfig.class)).isEqualTo(ContextConfig.DEFAULTS);
        }
    }

    @Test
    void shouldRefuseBoundsThatWouldNotKeepAConversationsContextSmall() {
        assertThatThrownBy(() -> new ContextConfig(Duration.ofHours(1), 33, 64, Duration.ofMinutes(1), 8, 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sift.context.max-threads must be 1 to 32, was 33");
        assertThatThrownBy(() -> new ContextConfig(Duration.ofHours(1), 8, 0, Duration.ofMinutes(1), 8, 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sift.context.max-recent-snippets must be 1 to 256, was 0");
        assertThatThrownBy(() -> new ContextConfig(Duration.ZERO, 8, 64, Duration.ofMinutes(1), 8, 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sift.context.time-to-live must be positive");
        assertThatThrownBy(() -> new ContextConfig(Duration.ofHours(1), 8, 64, Duration.ofMinutes(1), 65, 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sift.context.max-remembered-turns must be 0 to 64, was 65");
        assertThatThrownBy(() -> new ContextConfig(Duration.ofHours(1), 8, 64, Duration.ofMinutes(1), 8, 20_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sift.context.max-remembered-chars must be 1 to 16384, was 20000");
    }
}
