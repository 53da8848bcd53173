package dev.sift.gateway.context;

/**
 * Which thread of a conversation a turn belongs to: one the producer named ({@code threadId}), or the conversation's
 * main thread, which no producer's id can collide with.
 *
 * @param threadId the producer's thread id, or {@code null} for the main thread
 */
public record ThreadKey(String threadId) {

    /** The conversation's main thread: turns that name no thread and reply to no known turn. */
    public static final ThreadKey MAIN = new ThreadKey(null);

    /** @return whether this is the conversation's main thread */
    public boolean isMain() {
        return threadId == null;
    }
}
