package dev.sift.gateway.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Specification of the expiry index's keys: they sort by time, so the purge walks a prefix of the index. */
class ExpiryKeyTest {

    @Test
    void shouldSortKeysByTimeNegativeTimesIncluded() {
        assertThat(ExpiryKey.of(-5, "z")).isLessThan(ExpiryKey.of(0, "a"));
        assertThat(ExpiryKey.of(9, "z")).isLessThan(ExpiryKey.of(10, "a"));
        assertThat(ExpiryKey.of(Long.MIN_VALUE, "a")).isLessThan(ExpiryKey.of(Long.MAX_VALUE, "a"));
    }

    @Test
    void shouldPlaceTheCutoffAfterEarlierTimesAndBeforeItsOwn() {
        assertThat(ExpiryKey.of(99, "c-1")).isLessThan(ExpiryKey.before(100));
        assertThat(ExpiryKey.of(100, "c-1")).isGreaterThan(ExpiryKey.before(100));
    }
}
