package dev.sift.gateway.format;

import dev.sift.schema.serde.RegistrySettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code sift.formats.registry.*}: the schema registry that records in the registry framing name their writer
 * schema in (Confluent's REST API, also served by Apicurio under {@code /apis/ccompat/v7}, Karapace and Redpanda).
 *
 * @param url the registry's base URL; none by default (the registry framing is then not accepted)
 * @param timeout how long one lookup may take
 * @param maxSchemaBytes largest registry answer accepted
 * @param maxCachedSchemas most writer schemas kept
 * @param maxCachedUnknownIds most unknown ids remembered
 * @param unknownIdTtl how long an unknown id is remembered
 * @param maxLookupsPerSecond most lookups of new ids per second; records naming further new ids are dead-lettered
 */
@ConfigurationProperties("sift.formats.registry")
public record RegistryConfig(
        @Nullable URI url,
        @Bindable(defaultValue = "2s") Duration timeout,
        @Bindable(defaultValue = "262144") int maxSchemaBytes,
        @Bindable(defaultValue = "1000") int maxCachedSchemas,
        @Bindable(defaultValue = "10000") int maxCachedUnknownIds,
        @Bindable(defaultValue = "1m") Duration unknownIdTtl,
        @Bindable(defaultValue = "20") int maxLookupsPerSecond) {

    /** @return the registry's settings, when one is configured */
    public Optional<RegistrySettings> settings() {
        return Optional.ofNullable(url).filter(u -> !u.toString().isBlank()).map(u -> new RegistrySettings(u, timeout,
                maxSchemaBytes, maxCachedSchemas,
                maxCachedUnknownIds, unknownIdTtl, maxLookupsPerSecond));
    }
}
