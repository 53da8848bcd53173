package dev.sift.gateway.deadletter;

import java.util.concurrent.atomic.LongAdder;

/**
 * Records sent to the dead-letter topic, by stage. Kafka Streams creates its exception handlers itself (no dependency
 * injection), so they count here and a meter reads the counts.
 */
public final class DeadLetterCounts {

    /** Records that could not be read. */
    public static final LongAdder DESERIALIZATION = new LongAdder();
    /** Records that could not be processed. */
    public static final LongAdder PROCESSING = new LongAdder();

    private DeadLetterCounts() {
    }
}
