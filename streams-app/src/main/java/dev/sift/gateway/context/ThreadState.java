package dev.sift.gateway.context;

import dev.sift.classifier.context.ThreadMemory;
import dev.sift.classifier.context.TurnRole;
import dev.sift.schema.ContextTurn;
import java.util.List;

/**
 * One thread of a conversation while a batch is scored: its memory, which grows as its turns are scored, its latest
 * turns as text, and the event time of its latest turn. Mutable, and owned by one stream task's scoring of one batch.
 */
final class ThreadState {

    private ThreadMemory memory;
    private final RememberedTurns recentTurns;
    private long lastEventTime;

    /**
     * @param memory the thread's memory
     * @param recentTurns its latest turns as text
     * @param lastEventTime event time of its latest turn, in epoch milliseconds
     */
    ThreadState(ThreadMemory memory, RememberedTurns recentTurns, long lastEventTime) {
        this.memory = memory;
        this.recentTurns = recentTurns;
        this.lastEventTime = lastEventTime;
    }

    /**
     * @param width the model's embedding width
     * @param eventTime event time of the thread's first turn
     * @return a thread with nothing remembered
     */
    static ThreadState empty(int width, long eventTime) {
        return new ThreadState(ThreadMemory.empty(width), RememberedTurns.none(), eventTime);
    }

    /** @return the thread's latest turns as text, oldest first */
    List<ContextTurn> recentTurns() {
        return recentTurns.turns();
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
     * @param turn the turn that was scored, as text
     * @param embedding its embedding
     * @param bounds how much text to keep
     * @throws IllegalArgumentException when the embedding does not fit the memory (nothing is then taken in)
     */
    void fold(ContextTurn turn, float[] embedding, ContextConfig bounds) {
        memory = memory.after(TurnRole.of(turn.getRole().name()), embedding);
        recentTurns.remember(turn, bounds);
    }
}
