package dev.sift.schema.serde;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A {@link SchemaRegistry} in front of another that bounds what records naming schema ids cost: each id's schema is
 * asked for once and kept (an id's schema never changes; at most {@link RegistrySettings#maxCachedSchemas}, least
 * recently used first out); an unknown id is remembered for {@link RegistrySettings#unknownIdTtl} (at most
 * {@link RegistrySettings#maxCachedUnknownIds}), so records naming it again are refused without asking; and lookups
 * of uncached ids are limited to {@link RegistrySettings#maxLookupsPerSecond}, so a flood of made-up ids is refused
 * without reaching the registry. A schema that the registry refuses to give for another reason (down, slow) is not
 * remembered.
 */
public final class CachedSchemaRegistry implements SchemaRegistry {

    private final SchemaRegistry registry;
    private final Cache<Integer, Schema> known;
    private final Cache<Integer, UnknownSchemaIdException> unknown;
    private final Bucket lookups;
    private final int maxLookupsPerSecond;

    /**
     * @param registry where schemas are asked for
     * @param settings the bounds
     */
    public CachedSchemaRegistry(SchemaRegistry registry, RegistrySettings settings) {
        this.registry = registry;
        this.known = Caffeine.newBuilder().maximumSize(settings.maxCachedSchemas()).build();
        this.unknown = Caffeine.newBuilder().maximumSize(settings.maxCachedUnknownIds())
                .expireAfterWrite(settings.unknownIdTtl()).build();
        this.maxLookupsPerSecond = settings.maxLookupsPerSecond();
        this.lookups = Bucket.builder().addLimit(Bandwidth.builder().capacity(maxLookupsPerSecond)
                .refillGreedy(maxLookupsPerSecond, Duration.ofSeconds(1)).build()).build();
    }

    @Override
    public Schema writerSchema(int id) {
        Schema schema = known.getIfPresent(id);
        if (schema != null) {
            return schema;
        }
        UnknownSchemaIdException remembered = unknown.getIfPresent(id);
        if (remembered != null) {
            throw new UnknownSchemaIdException(remembered.getMessage());
        }
        if (!lookups.tryConsume(1)) {
            throw new SerializationException("schema registry id " + id + " not looked up: more than "
                    + maxLookupsPerSecond + " lookups of new ids per second (sift.formats.registry"
                    + ".max-lookups-per-second)");
        }
        try {
            schema = registry.writerSchema(id);
        } catch (UnknownSchemaIdException e) {
            unknown.put(id, e);
            throw e;
        }
        known.put(id, schema);
        return schema;
    }
}
