/**
 * Conversation context in training: the feature row a context-aware intent head is trained on, [the turn's
 * embedding; {@link dev.sift.classifier.context.ThreadMemory#features} of its earlier turns], built with
 * classifier-runtime's {@link dev.sift.classifier.context.ThreadMemory}, the same rule a gateway and
 * {@link dev.sift.classifier.context.ContextReplay} fold a thread with, so that training, evaluation and serving read
 * the same features; and {@link dev.sift.modelops.context.ContextTraining}, what a context-aware intent head reads and
 * which examples judge how far it leans on it.
 */
package dev.sift.modelops.context;
