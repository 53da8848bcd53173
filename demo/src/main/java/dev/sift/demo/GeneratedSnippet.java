package dev.sift.demo;

import dev.sift.schema.ConversationSnippet;

/**
 * A generated snippet with what the generator meant it to be.
 *
 * @param snippet the snippet
 * @param truth the intent it was written for, or {@code chit-chat}, {@code agent}, {@code post-negative}, ...
 * @param relevant whether an LLM should see it (an intent turn, or a negative post about a brand)
 * @param contextual whether only the turns before it say what it means (a short "yes please" to an agent's offer, a
 *     "same here" to a complaint)
 */
public record GeneratedSnippet(ConversationSnippet snippet, String truth, boolean relevant, boolean contextual) {
}
