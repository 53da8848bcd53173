package dev.sift.gateway.format;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.serde.AvroSerde;
import dev.sift.schema.serde.CachedSchemaRegistry;
import dev.sift.schema.serde.DecodingLimits;
import dev.sift.schema.serde.HttpSchemaRegistry;
import dev.sift.schema.serde.SchemaRegistry;
import dev.sift.schema.serde.TopicFormat;
import dev.sift.schema.serde.TopicWireFormat;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The wire formats of the gateway's topics: what its snippets topic accepts, what its decisions and LLM requests
 * topics are written in, and the registry the registry framing is resolved with.
 *
 * @param snippets the snippets topic's format
 * @param decisions the decisions topic's format
 * @param llmRequests the LLM requests topic's format
 * @param registry the registry, when one is configured
 */
public record GatewayFormats(TopicFormat snippets, TopicFormat decisions, TopicFormat llmRequests,
        Optional<SchemaRegistry> registry) {

    /** Avro single-object encoding everywhere, no registry: what the gateway does unless configured otherwise. */
    public static final GatewayFormats DEFAULTS = new GatewayFormats(TopicFormat.SINGLE_OBJECT,
            TopicFormat.SINGLE_OBJECT, TopicFormat.SINGLE_OBJECT, Optional.empty());

    /**
     * @param config the formats configured
     * @param registry the registry configured
     * @return the gateway's formats
     * @throws IllegalArgumentException when the configuration is inconsistent (nothing accepted, the registry
     *     framing without a registry, outputs in the registry framing)
     */
    public static GatewayFormats of(FormatsConfig config, RegistryConfig registry) {
        if (config.snippetsAccepted() == null || config.snippetsAccepted().isEmpty()) {
            throw new IllegalArgumentException("sift.formats.snippets-accepted must name at least one format");
        }
        TopicFormat snippets = new TopicFormat(EnumSet.copyOf(config.snippetsAccepted()), TopicFormat.SINGLE_OBJECT
                .written(), config.jsonUnknownFields());
        Optional<SchemaRegistry> client = registry.settings()
                .map(settings -> new CachedSchemaRegistry(new HttpSchemaRegistry(settings), settings));
        GatewayFormats formats = new GatewayFormats(snippets, TopicFormat.SINGLE_OBJECT.writing(config.decisionsWritten()),
                TopicFormat.SINGLE_OBJECT.writing(config.llmRequestsWritten()), client);
        // Built once here so that an inconsistent configuration stops the gateway at start, not at its first record.
        formats.snippetReader(DecodingLimits.DEFAULTS);
        return formats;
    }

    /**
     * @param limits the snippets topic's decoding limits
     * @return the reader of snippet records
     */
    public AvroSerde<ConversationSnippet> snippetReader(DecodingLimits limits) {
        return new AvroSerde<>(TopicWireFormat.of(ConversationSnippet.class, snippets, limits, registry));
    }

    /** @return the writer of decision records */
    public AvroSerde<FilterDecision> decisionWriter() {
        return new AvroSerde<>(TopicWireFormat.of(FilterDecision.class, decisions, DecodingLimits.DEFAULTS,
                Optional.empty()));
    }

    /** @return the writer of LLM request records */
    public AvroSerde<LlmRequest> llmRequestWriter() {
        return new AvroSerde<>(TopicWireFormat.of(LlmRequest.class, llmRequests, DecodingLimits.DEFAULTS,
                Optional.empty()));
    }
}
