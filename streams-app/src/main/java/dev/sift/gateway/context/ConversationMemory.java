package dev.sift.gateway.context;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one conversation remembers for a context-aware model: its threads, least recently active first, and the
 * latest snippet ids of its named threads with their threads, oldest first. Both are bounded ({@link ContextConfig}): a thread remembers its latest turns as text within the text bounds, a new thread beyond
 * {@code maxThreads} evicts the least recently active one, a snippet id beyond {@code maxRecentSnippets} the oldest.
 *
 * <p>The memories are of one model version: read with another model, a conversation keeps its threads and reply index
 * but its memories are empty, because embeddings of two models live in different spaces and must not be mixed; the
 * turns as text go with them, so a request's context is always what its model judged it with.
 */
final class ConversationMemory {

    private final String modelVersion;
    private final int width;
    private final LinkedHashMap<ThreadKey, ThreadState> threads;
    private final LinkedHashMap<String, ThreadKey> recentSnippets;
    private final OptionalLong storedNewest;

    /**
     * @param modelVersion the model whose embeddings the memories hold
     * @param width its embedding width
     * @param threads the threads, least recently active first
     * @param recentSnippets snippet ids and their threads, oldest first
     * @param storedNewest the newest event time of the conversation as stored, empty when it was not stored
     */
    ConversationMemory(String modelVersion, int width, LinkedHashMap<ThreadKey, ThreadState> threads,
            LinkedHashMap<String, ThreadKey> recentSnippets, OptionalLong storedNewest) {
        this.modelVersion = modelVersion;
        this.width = width;
        this.threads = threads;
        this.recentSnippets = recentSnippets;
        this.storedNewest = storedNewest;
    }

    /**
     * @param modelVersion the model the memories are for
     * @param width its embedding width
     * @return a conversation with nothing remembered yet
     */
    static ConversationMemory empty(String modelVersion, int width) {
        return new ConversationMemory(modelVersion, width, new LinkedHashMap<>(), new LinkedHashMap<>(),
                OptionalLong.empty());
    }

    /**
     * Takes a turn into the conversation before it is scored: its thread becomes the most recently active (created
     * empty when new, emptied when idle beyond the time-to-live, evicting the least recently active thread beyond the
     * bound), and its snippet id is remembered with the thread when that is a named one. The turn's embedding is folded in once scored
     * ({@link ThreadState#fold}).
     *
     * @param thread the turn's thread
     * @param snippetId the turn's snippet id
     * @param eventTime the turn's event time, epoch milliseconds
     * @param bounds the bounds
     * @return the thread, whose memory is what the turn is judged with
     */
    ThreadState take(ThreadKey thread, String snippetId, long eventTime, ContextConfig bounds) {
        ThreadState state = threads.remove(thread);
        if (state == null || state.expiredAt(eventTime, bounds.timeToLive().toMillis())) {
            state = ThreadState.empty(width, eventTime);
        } else {
            state.touch(eventTime);
        }
        threads.put(thread, state);
        dropOldest(threads, bounds.maxThreads());
        recentSnippets.remove(snippetId);
        if (!thread.isMain()) {
            // A reply to a turn the index lacks joins the main thread anyway: main-thread turns need no entry.
            recentSnippets.put(snippetId, thread);
            dropOldest(recentSnippets, bounds.maxRecentSnippets());
        }
        return state;
    }

    private static void dropOldest(Map<?, ?> entries, int max) {
        Iterator<?> oldest = entries.keySet().iterator();
        while (entries.size() > max) {
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * @param snippetId a snippet id
     * @return the thread of that turn, when the conversation still remembers it
     */
    Optional<ThreadKey> threadOf(String snippetId) {
        return Optional.ofNullable(recentSnippets.get(snippetId));
    }

    /** @return the event time of the conversation's latest turn, empty when it has none */
    OptionalLong newest() {
        return threads.values().stream().mapToLong(ThreadState::lastEventTime).max();
    }

    /** @return the newest event time as it was stored before this batch, empty when the conversation was not stored */
    OptionalLong storedNewest() {
        return storedNewest;
    }

    /** @return the model whose embeddings the memories hold */
    String modelVersion() {
        return modelVersion;
    }

    /** @return its embedding width */
    int width() {
        return width;
    }

    /** @return the threads, least recently active first */
    Map<ThreadKey, ThreadState> threads() {
        return Collections.unmodifiableMap(threads);
    }

    /** @return the remembered snippet ids and their threads, oldest first */
    Map<String, ThreadKey> recentSnippets() {
        return Collections.unmodifiableMap(recentSnippets);
    }
}
