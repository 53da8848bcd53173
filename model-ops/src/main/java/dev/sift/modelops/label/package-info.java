/**
 * The teacher of Sift's learning loop: labels the requests the gateways forward ({@code sift.llm-requests}) and the
 * dropped snippets they sample for audit ({@code sift.audit-requests}) with the intents of an editable catalogue, and
 * writes the labels as {@code SnippetFeedback} (origin {@code LLM}) to {@code sift.feedback}, the training data of
 * the next model.
 *
 * <p>The pieces: a {@link dev.sift.modelops.label.Teacher} answers one request (the LLM behind an OpenAI-compatible
 * chat-completions endpoint is {@link dev.sift.modelops.label.ChatCompletionsTeacher}, with retries, rate limits and
 * strict validation of its answers); {@link dev.sift.modelops.label.LabelingLoop} reads the requests, has a batch
 * labeled concurrently and writes feedback or dead letters in one Kafka transaction with the consumed offsets
 * (exactly once); {@link dev.sift.modelops.label.LabelerService} runs the loop inside {@code model-ops serve} when
 * {@code sift.labeler.enabled} is true, and {@code model-ops label} runs it once up to the current end.
 */
package dev.sift.modelops.label;
