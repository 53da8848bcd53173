package dev.sift.gateway.context;

import dev.sift.schema.ConversationSnippet;

/**
 * The one place a turn's thread is decided: the {@code threadId} the producer gave; else, when it replies
 * ({@code replyTo}) to a turn the conversation still remembers, that turn's thread; else the conversation's main
 * thread. A reply to a turn no longer remembered (beyond {@code sift.context.max-recent-snippets}, or never seen)
 * joins the main thread, which is why only turns of named threads are remembered.
 */
final class ThreadResolver {

    /**
     * @param snippet the turn
     * @param conversation what its conversation remembers
     * @return the thread the turn is judged in
     */
    ThreadKey resolve(ConversationSnippet snippet, ConversationMemory conversation) {
        if (snippet.getThreadId() != null) {
            return new ThreadKey(snippet.getThreadId());
        }
        if (snippet.getReplyTo() != null) {
            return conversation.threadOf(snippet.getReplyTo()).orElse(ThreadKey.MAIN);
        }
        return ThreadKey.MAIN;
    }
}
