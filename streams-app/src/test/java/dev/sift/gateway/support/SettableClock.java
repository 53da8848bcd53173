package dev.sift.gateway.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets: the gateway's wall clock in topology tests, where time must move on command. */
public final class SettableClock extends Clock {

    private volatile Instant now;

    /**
     * @param start the time it shows until set
     */
    public SettableClock(Instant start) {
        this.now = start;
    }

    /**
     * @param instant the time it shows from now on
     */
    public void set(Instant instant) {
        this.now = instant;
    }

    /**
     * @param duration how far to move it on
     */
    public void advance(java.time.Duration duration) {
        this.now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
