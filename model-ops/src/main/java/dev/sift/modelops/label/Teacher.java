package dev.sift.modelops.label;

import dev.sift.schema.LlmRequest;

/**
 * Labels one request with intents, polarity and brand: the LLM behind a chat-completions endpoint, or a stand-in
 * (e.g. the demo's generator, which knows the truth). Called concurrently from the labeler's pool: implementations
 * are thread-safe. The answer may name intents outside the catalogue; the labeler drops and counts those.
 */
@FunctionalInterface
public interface Teacher {

    /**
     * @param request the forwarded or audited request
     * @return the labels
     * @throws LabelingException when the request cannot be labeled, with the reason
     * @throws InterruptedException when the labeler stops meanwhile
     */
    TeacherAnswer label(LlmRequest request) throws LabelingException, InterruptedException;
}
