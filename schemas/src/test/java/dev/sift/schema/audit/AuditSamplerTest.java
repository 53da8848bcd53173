package dev.sift.schema.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditSamplerTest {

    @Test
    void shouldSampleTheRateOfSequentialIdsAsAProducerWouldNumberThem() {
        // Given 200,000 ids a producer numbers in sequence
        int n = 200_000;
        int sampled = 0;
        for (int i = 0; i < n; i++) {
            if (AuditSampler.sampled("acme-chat-" + i, 0.02)) {
                sampled++;
            }
        }

        // Then 2% are sampled, within four standard deviations of a fair draw (sqrt(n p (1-p)) = 63)
        assertThat(sampled).isBetween(4_000 - 4 * 63, 4_000 + 4 * 63);
    }

    @Test
    void shouldKeepEverySampledIdInTheSampleOfAHigherRate() {
        for (int i = 0; i < 10_000; i++) {
            String id = "s-" + i;
            if (AuditSampler.sampled(id, 0.01)) {
                assertThat(AuditSampler.sampled(id, 0.05)).isTrue();
            }
        }
    }

    @Test
    void shouldSampleNothingAtRateZeroAndEverythingAtRateOne() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(AuditSampler.sampled("s-" + i, 0)).isFalse();
            assertThat(AuditSampler.sampled("s-" + i, 1)).isTrue();
        }
    }

    @Test
    void shouldGiveAnIdTheSamePositionEveryTime() {
        assertThat(AuditSampler.position("snippet-42")).isEqualTo(AuditSampler.position("snippet-42"))
                .isBetween(0.0, 1.0);
    }
}
