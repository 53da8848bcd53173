package dev.sift.gateway.whatif;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/** Lets at most {@link WhatIfLimits#maxConcurrent()} what-if questions be answered at once. */
@Singleton
public class WhatIfAdmission {

    private final Semaphore permits;

    /**
     * @param limits how many at once
     */
    public WhatIfAdmission(WhatIfLimits limits) {
        this.permits = new Semaphore(Math.max(1, limits.maxConcurrent()));
    }

    /** @return a permit to answer one question, released when closed; empty when all are taken */
    public Optional<Permit> tryEnter() {
        return permits.tryAcquire() ? Optional.of(new Permit()) : Optional.empty();
    }

    /** The right to answer one question; closing it (once) lets the next one in. */
    public final class Permit implements AutoCloseable {

        private final AtomicBoolean released = new AtomicBoolean();

        private Permit() {
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        }
    }
}
