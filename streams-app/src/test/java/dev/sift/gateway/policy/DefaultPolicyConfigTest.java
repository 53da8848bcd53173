package dev.sift.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.FilterPolicy;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultPolicyConfigTest {

    @Test
    void shouldKeepIntentNamesAsWrittenInTheConfiguration() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("kafka.streams.enabled", false, "kafka.enabled", false))
                .start()) {
            // Given application.yml's default policy (cancellation_risk: 0.4, security_concern: 0.4)
            FilterPolicy policy = context.getBean(DefaultPolicyConfig.class).toPolicy();

            // Then intent names keep their underscores and match what models score
            assertThat(policy.getIntentThresholds()).containsEntry("cancellation_risk", 0.4f)
                    .containsEntry("security_concern", 0.4f);
            assertThat(policy.getAlwaysForward()).containsExactly("human_agent_request");
            assertThat(policy.getDefaultThreshold()).isEqualTo(0.5f);
        }
    }
}
