package dev.sift.gateway.topology;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.deadletter.DeadLetterHeaders;

/**
 * A valid snippet the model could not score (for example an inference error on this one input). It goes to the
 * dead-letter topic as it came, with the reason in the {@link DeadLetterHeaders}; the rest of its batch is decided.
 *
 * @param snippet the snippet as read
 * @param cause why it could not be scored
 */
public record FailedSnippet(ConversationSnippet snippet, Exception cause) implements ScoringOutcome {
}
