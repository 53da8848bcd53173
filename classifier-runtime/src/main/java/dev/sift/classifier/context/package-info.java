/**
 * Conversation context: what the turns before a snippet contribute to its scores, written once for every place that
 * scores a turn in its conversation (the gateway's per-thread store, model-ops' training and evaluation).
 *
 * <p>A context-aware model ({@link dev.sift.classifier.ModelInfo#context()}) reads, next to the turn's own tokens,
 * one embedding per {@link dev.sift.classifier.context.ContextSlot}: the previous service turn, the previous
 * customer turn, and the mean of the thread's earlier turns on each side. {@link dev.sift.classifier.context.ThreadMemory}
 * is the bounded state a thread needs for that (four vectors and two counts, however long the thread), folded turn by
 * turn with each turn's own embedding, which the model returns as it scores the turn: a turn is embedded once, when it
 * passes through. {@link dev.sift.classifier.context.TurnRole} says which side of the conversation a turn is on,
 * {@link dev.sift.classifier.context.ContextualText} is a text with the memory it is judged with, and
 * {@link dev.sift.classifier.context.ContextReplay} scores turns offline from the texts before them, exactly as a
 * gateway that saw those turns would.
 */
package dev.sift.classifier.context;
