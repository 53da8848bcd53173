/**
 * Sift's wire records: the Avro classes generated from {@code src/main/avro} ({@code ConversationSnippet},
 * {@code FilterDecision}, {@code LlmRequest}, {@code FilterPolicy}, {@code PolicyChange}, {@code ModelRelease},
 * {@code SnippetFeedback}, {@code PendingSnippet}, the gateway's micro-batch buffer entry, and
 * {@code ConversationContext}, the gateway's stored conversation context) share this package with
 * {@link dev.sift.schema.AvroTrust}, which puts them on Avro's list of classes it may instantiate.
 *
 * <p>How the records are framed and bounded on a topic is {@link dev.sift.schema.serde}; which topic carries which
 * record, with what key, is {@link dev.sift.schema.topic}. The older versions every reader still resolves are under
 * {@code src/main/avro-history}.
 */
package dev.sift.schema;
