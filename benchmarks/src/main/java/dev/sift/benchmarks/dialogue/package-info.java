/**
 * Replays whole dialogues through a gateway on a real local broker and checks that its context-aware decisions are
 * the offline evaluation's: {@link dev.sift.benchmarks.dialogue.DialogueReplay} produces every turn of each dialogue
 * (customer and service side, dialogues interleaved as on a live platform) and reads every committed decision;
 * {@link dev.sift.benchmarks.dialogue.ReplayComparison} scores the same turns offline with
 * {@code dev.sift.classifier.context.ContextReplay} on the same bundle and compares them turn by turn;
 * {@link dev.sift.benchmarks.dialogue.SgdDialogues} reads Schema-Guided Dialogue's test dialogues.
 */
package dev.sift.benchmarks.dialogue;
