package dev.sift.gateway.context;

import dev.sift.schema.PendingSnippet;

/**
 * Event time as conversation context reads it, and the newest a stream task has seen (what the purge measures idleness
 * against). A turn's time is its event time, but never later than when the gateway took it: producers are untrusted,
 * and one snippet dated years ahead would otherwise make every other conversation of its partition look idle and be
 * purged, and keep its own conversation forever.
 */
final class ContextClock {

    private long newest = Long.MIN_VALUE;

    /**
     * @param pending a snippet taken from the input
     * @return its time for context, in epoch milliseconds
     */
    static long timeOf(PendingSnippet pending) {
        return Math.min(pending.getSnippet().getEventTime().toEpochMilli(), pending.getReceivedAt().toEpochMilli());
    }

    /** @param pending a snippet the task took: the clock moves to its time when that is newer */
    void saw(PendingSnippet pending) {
        newest = Math.max(newest, timeOf(pending));
    }

    /** @return whether the task has seen a snippet since it started */
    boolean started() {
        return newest != Long.MIN_VALUE;
    }

    /** @return the newest time seen, epoch milliseconds */
    long newest() {
        return newest;
    }
}
