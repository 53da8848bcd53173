package dev.sift.gateway.context;

import dev.sift.classifier.context.ThreadMemory;
import dev.sift.classifier.context.TurnRole;

/**
 * One thread of a conversation while a batch is scored: its memory, which grows as its turns are scored, and the
 * event time of its latest turn. Mutable, and owned by one stream task's scoring of one batch.
 */
final class ThreadState {

    private ThreadMemory memory;
    private long lastEventTime;

    /**
     * @param memory the thread's memory
     * @param lastEventTime event time of its latest turn, in epoch milliseconds
     */
    ThreadState(ThreadMemory memory, long lastEventTime) {
        this.memory = memory;
        this.lastEventTime = lastEventTime;
    }

    /** @return what the thread's turns so far contribute to its next turn */
    ThreadMemory memory() {
        return memory;
    }

    /** @return event time of the thread's latest turn */
    long lastEventTime() {
        return lastEventTime;
    }

    /**
     * @param eventTime a turn's event time
     * @param timeToLive how long a thread may stay idle
     * @return whether the thread was idle longer than the time-to-live when that turn came
     */
    boolean expiredAt(long eventTime, long timeToLive) {
        return eventTime - lastEventTime > timeToLive;
    }

    /** @param eventTime a new turn's event time: the latest stays the newest seen, whatever order turns come in */
    void touch(long eventTime) {
        lastEventTime = Math.max(lastEventTime, eventTime);
    }

    /**
     * @param role whose turn was scored
     * @param embedding the turn's embedding
     * @throws IllegalArgumentException when the embedding does not fit the memory
     */
    void fold(TurnRole role, float[] embedding) {
        memory = memory.after(role, embedding);
    }
}
