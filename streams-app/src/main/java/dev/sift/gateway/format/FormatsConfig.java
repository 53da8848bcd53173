package dev.sift.gateway.format;

import dev.sift.schema.serde.UnknownJsonFields;
import dev.sift.schema.serde.WireFormat;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * {@code sift.formats.*}: the wire formats of the topics platforms and LLM consumers exchange with the gateway.
 *
 * @param snippetsAccepted formats read from the snippets topic; several may be listed, the first byte of each record
 *     tells them apart ({@code AVRO_REGISTRY} needs {@code sift.formats.registry.url})
 * @param jsonUnknownFields what a JSON snippet's unknown field does: {@code REFUSE} it (to the dead-letter topic) or
 *     {@code IGNORE} it
 * @param decisionsWritten format of the decisions topic: {@code AVRO_SINGLE_OBJECT} or {@code JSON}
 * @param llmRequestsWritten format of the LLM requests topic: {@code AVRO_SINGLE_OBJECT} or {@code JSON}
 */
@ConfigurationProperties("sift.formats")
public record FormatsConfig(
        @Bindable(defaultValue = "AVRO_SINGLE_OBJECT") List<WireFormat> snippetsAccepted,
        @Bindable(defaultValue = "REFUSE") UnknownJsonFields jsonUnknownFields,
        @Bindable(defaultValue = "AVRO_SINGLE_OBJECT") WireFormat decisionsWritten,
        @Bindable(defaultValue = "AVRO_SINGLE_OBJECT") WireFormat llmRequestsWritten) {
}
