/**
 * Conversation context for context-aware models: what each conversation remembers of its earlier turns, and scoring
 * a micro-batch with it. A turn's thread is resolved in one place ({@code ThreadResolver}: the producer's
 * {@code threadId}, else the thread of the turn it replies to, else the conversation's main thread); each thread keeps
 * a {@link dev.sift.classifier.context.ThreadMemory} (the rule of what context is lives in classifier-runtime, shared
 * with model-ops); {@link dev.sift.gateway.context.ThreadedScoring} scores a batch in rounds so that turns of one
 * thread in one batch are judged as if they came one by one; {@link dev.sift.gateway.context.ConversationContexts}
 * keeps the memories per conversation in changelogged stores committed with the outputs, bounded and purged by
 * event time ({@link dev.sift.gateway.context.ContextConfig}, {@code sift.context.*}).
 *
 * <p>Not here: the data path that calls it ({@link dev.sift.gateway.topology}, whose {@code BatchScorer} takes the
 * context path only when the leased model reads context), the model and its swaps ({@link dev.sift.gateway.release}).
 */
package dev.sift.gateway.context;
