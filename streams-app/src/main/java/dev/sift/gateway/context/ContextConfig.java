package dev.sift.gateway.context;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code sift.context.*}: how much of each conversation the gateway remembers for a context-aware model. Everything
 * is bounded, per conversation and in time, so the context store and its changelog stay flat however long the
 * gateway runs: a conversation holds at most {@code maxThreads} thread memories (four embeddings, two counts and the
 * latest turns as text each) and {@code maxRecentSnippets} snippet ids, and nothing outlives {@code timeToLive} of
 * event time.
 *
 * @param timeToLive how long a thread may stay idle, in event time: a turn more than this after its thread's latest
 *     turn finds the thread empty (so a decision never depends on when a purge ran), and a conversation whose every
 *     thread is that idle, measured against the newest turn the stream task has seen, is deleted by a stream-time
 *     punctuation every {@code purgeInterval}
 * @param maxThreads most threads remembered per conversation; a new thread beyond it evicts the least recently active
 *     one (at most 32, which keeps a conversation's stored context well under the changelog's 1 MiB record limit for
 *     models up to 1024 wide)
 * @param maxRecentSnippets most snippet ids of named threads remembered per conversation (the latest ones), so that a
 *     reply ({@code replyTo}) finds the thread of the turn it answers (at most 256)
 * @param purgeInterval how often, in stream time, conversations idle beyond the time-to-live are deleted
 * @param maxRememberedTurns how many of a thread's latest turns are kept as text: the context a forwarded or audited
 *     request carries, so the LLM reads a short reply with what it answers and the teacher labels it as the model
 *     judged it (0 keeps none; at most 64)
 * @param maxRememberedChars most characters of those turns in all, per thread: older turns go first, and a turn
 *     longer than this alone is cut to it (at most 16,384, which keeps a conversation's stored context and a
 *     request well under the 1 MiB record limit)
 */
@ConfigurationProperties("sift.context")
public record ContextConfig(@Bindable(defaultValue = "2h") Duration timeToLive,
        @Bindable(defaultValue = "8") int maxThreads,
        @Bindable(defaultValue = "64") int maxRecentSnippets,
        @Bindable(defaultValue = "1m") Duration purgeInterval,
        @Bindable(defaultValue = "8") int maxRememberedTurns,
        @Bindable(defaultValue = "2000") int maxRememberedChars) {

    /** The defaults. */
    public static final ContextConfig DEFAULTS = new ContextConfig(Duration.ofHours(2), 8, 64, Duration.ofMinutes(1),
            8, 2000);

    /** Most threads per conversation accepted as a setting. */
    public static final int MAX_THREADS_LIMIT = 32;

    /** Most recent snippet ids per conversation accepted as a setting. */
    public static final int MAX_RECENT_SNIPPETS_LIMIT = 256;

    /** Most remembered turns per thread accepted as a setting. */
    public static final int MAX_REMEMBERED_TURNS_LIMIT = 64;

    /** Most remembered characters per thread accepted as a setting. */
    public static final int MAX_REMEMBERED_CHARS_LIMIT = 16_384;

    /** Checks the settings. */
    public ContextConfig {
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("sift.context.time-to-live must be positive, was " + timeToLive);
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("sift.context.purge-interval must be positive, was " + purgeInterval);
        }
        if (maxThreads < 1 || maxThreads > MAX_THREADS_LIMIT) {
            throw new IllegalArgumentException("sift.context.max-threads must be 1 to " + MAX_THREADS_LIMIT
                    + ", was " + maxThreads);
        }
        if (maxRecentSnippets < 1 || maxRecentSnippets > MAX_RECENT_SNIPPETS_LIMIT) {
            throw new IllegalArgumentException("sift.context.max-recent-snippets must be 1 to "
                    + MAX_RECENT_SNIPPETS_LIMIT + ", was " + maxRecentSnippets);
        }
        if (maxRememberedTurns < 0 || maxRememberedTurns > MAX_REMEMBERED_TURNS_LIMIT) {
            throw new IllegalArgumentException("sift.context.max-remembered-turns must be 0 to "
                    + MAX_REMEMBERED_TURNS_LIMIT + ", was " + maxRememberedTurns);
        }
        if (maxRememberedChars < 1 || maxRememberedChars > MAX_REMEMBERED_CHARS_LIMIT) {
            throw new IllegalArgumentException("sift.context.max-remembered-chars must be 1 to "
                    + MAX_REMEMBERED_CHARS_LIMIT + ", was " + maxRememberedChars);
        }
    }
}
