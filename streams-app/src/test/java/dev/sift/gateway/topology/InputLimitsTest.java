package dev.sift.gateway.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Specification of the input and output limit settings. */
class InputLimitsTest {

    @Test
    void shouldBindTheDocumentedDefaultsFromTheConfiguration() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("kafka.streams.enabled", false, "kafka.enabled", false))
                .start()) {
            // Then application.yml, the @Bindable defaults and the constants the tests use agree
            assertThat(context.getBean(InputLimits.class)).isEqualTo(InputLimits.DEFAULTS);
            assertThat(context.getBean(OutputLimits.class)).isEqualTo(OutputLimits.DEFAULTS);
        }
    }

    @Test
    void shouldRefuseDecodingLimitsTighterThanTheFieldLimitsTheyGuard() {
        assertThat(InputLimits.DEFAULTS.withMaxTextBytes(1_000_000).decoding().maxStringBytes()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> new InputLimits(393_216, 64, 65_536, 256, 128, 128, 256, 64, 64, 256, 64, 16_384,
                262_144, 100_000, 1_024, 2_048))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sift.input.max-string-bytes (100000) must be at least the largest field limit");
        assertThatThrownBy(() -> new InputLimits(393_216, 64, 65_536, 256, 128, 128, 256, 64, 64, 256, 64, 16_384,
                262_144, 393_216, 1_024, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-total-items (100)");
    }
}
