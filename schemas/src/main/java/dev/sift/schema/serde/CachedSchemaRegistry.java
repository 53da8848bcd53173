package dev.sift.schema.serde;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
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
 * without reaching the registry. A schema that the registry fails to give for another reason (down, slow, an error)
 * is not remembered; when half of the last lookups failed so, the registry is not asked at all for
 * {@link #PAUSE_AFTER_FAILURES} (a circuit breaker), so a registry that hangs does not hold the stream threads for
 * its timeout on every new id. Records refused meanwhile land in the dead-letter topic with that reason.
 */
public final class CachedSchemaRegistry implements SchemaRegistry {

    /** How long a failing registry is left alone before it is asked again. */
    public static final Duration PAUSE_AFTER_FAILURES = Duration.ofSeconds(10);

    private final SchemaRegistry registry;
    private final CircuitBreaker breaker;
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
        this.breaker = CircuitBreaker.of("schema-registry", CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(4).failureRateThreshold(50)
                .waitDurationInOpenState(PAUSE_AFTER_FAILURES).permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(UnknownSchemaIdException.class).build());
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
            schema = breaker.executeSupplier(() -> registry.writerSchema(id));
        } catch (UnknownSchemaIdException e) {
            unknown.put(id, e);
            throw e;
        } catch (CallNotPermittedException e) {
            throw new SerializationException("schema registry id " + id + " not looked up: the registry failed half"
                    + " of the last lookups, it is asked again after " + PAUSE_AFTER_FAILURES.toSeconds() + " s", e);
        }
        known.put(id, schema);
        return schema;
    }
}
