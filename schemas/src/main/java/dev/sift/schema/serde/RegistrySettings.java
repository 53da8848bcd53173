package dev.sift.schema.serde;

import java.net.URI;
import java.time.Duration;

/**
 * How a gateway asks a schema registry for writer schemas.
 *
 * @param url the registry's base URL (Confluent REST API: {@code GET {url}/schemas/ids/{id}}; Apicurio serves it under
 *     {@code /apis/ccompat/v7})
 * @param timeout how long one lookup may take
 * @param maxSchemaBytes largest answer accepted, in bytes: a schema is a few KiB
 * @param maxCachedSchemas most writer schemas kept (each is kept for good: an id's schema never changes)
 * @param maxCachedUnknownIds most unknown ids remembered, so that a record naming one again does not ask again
 * @param unknownIdTtl how long an unknown id is remembered (an id registered meanwhile is found after it)
 * @param maxLookupsPerSecond most lookups of uncached ids per second; ids beyond it are refused without asking
 */
public record RegistrySettings(URI url, Duration timeout, int maxSchemaBytes, int maxCachedSchemas,
        int maxCachedUnknownIds, Duration unknownIdTtl, int maxLookupsPerSecond) {

    /** Checks the settings. */
    public RegistrySettings {
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("the schema registry URL must be http or https, not " + url);
        }
        if (timeout.isNegative() || timeout.isZero() || unknownIdTtl.isNegative() || maxSchemaBytes < 1
                || maxCachedSchemas < 1 || maxCachedUnknownIds < 1 || maxLookupsPerSecond < 1) {
            throw new IllegalArgumentException("schema registry settings must be positive");
        }
    }

    /**
     * @param url the registry's base URL
     * @return the defaults for that registry: 2 s per lookup, schemas up to 256 KiB, 1,000 schemas and 10,000 unknown
     *     ids cached (unknown ones for a minute), 20 lookups per second
     */
    public static RegistrySettings of(URI url) {
        return new RegistrySettings(url, Duration.ofSeconds(2), 262_144, 1_000, 10_000, Duration.ofMinutes(1), 20);
    }
}
