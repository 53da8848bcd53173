package dev.sift.gateway.policy;

import dev.sift.schema.FilterPolicy;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The policies in force on this gateway: its copy of the policies topic (queried from the Kafka Streams global store,
 * the same copy the topology decides with) plus the default from configuration. Before the streams run, only the
 * configured default is known.
 */
@Singleton
public class PolicyDirectory {

    private final PolicyBook book;
    private final BeanProvider<KafkaStreams> streams;

    /**
     * @param book the policy book (configured default)
     * @param streams the gateway's Kafka Streams, looked up lazily (it depends on the model, which depends on this)
     */
    public PolicyDirectory(PolicyBook book, BeanProvider<KafkaStreams> streams) {
        this.book = book;
        this.streams = streams;
    }

    /**
     * A directory that only knows the configured default (no streams yet, or tests).
     *
     * @param book the policy book
     * @return the directory
     */
    public static PolicyDirectory withoutStreams(PolicyBook book) {
        return new PolicyDirectory(book, new BeanProvider<>() {
            @Override
            public KafkaStreams get() {
                throw new io.micronaut.context.exceptions.NoSuchBeanException(KafkaStreams.class);
            }

            @Override
            public boolean isPresent() {
                return false;
            }
        });
    }

    /** @return the configured default policy */
    public FilterPolicy configuredDefault() {
        return book.configuredDefault();
    }

    /** @return every stored policy by id, the configured default under {@code *} when none is stored */
    public Map<String, FilterPolicy> all() {
        Map<String, FilterPolicy> out = new LinkedHashMap<>();
        store().ifPresent(s -> {
            try (KeyValueIterator<String, ValueAndTimestamp<FilterPolicy>> it = s.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null && kv.value.value() != null) {
                        out.put(kv.key, kv.value.value());
                    }
                });
            }
        });
        out.putIfAbsent(PolicyBook.DEFAULT_ID, book.configuredDefault());
        return out;
    }

    /**
     * @param id a policy id
     * @return the stored policy (or the configured default for {@code *})
     */
    public Optional<FilterPolicy> get(String id) {
        Optional<FilterPolicy> stored = store().map(s -> s.get(id)).map(ValueAndTimestamp::value);
        if (stored.isEmpty() && PolicyBook.DEFAULT_ID.equals(id)) {
            return Optional.of(book.configuredDefault());
        }
        return stored;
    }

    /**
     * @param tenant a tenant
     * @param channel a channel
     * @return the policy that applies to it
     */
    public FilterPolicy resolve(String tenant, String channel) {
        var stored = store();
        return book.resolve(tenant, channel, id -> stored.map(s -> s.get(id)).map(ValueAndTimestamp::value)
                .orElse(null));
    }

    /** @return every intent some policy in force names: a model without one of them cannot serve these policies */
    public Set<String> referencedIntents() {
        Set<String> out = new TreeSet<>();
        all().values().forEach(p -> out.addAll(intentsOf(p)));
        return out;
    }

    /**
     * @param policy a policy
     * @return intents in its thresholds, always-forward and never-forward lists
     */
    public static Set<String> intentsOf(FilterPolicy policy) {
        Set<String> out = new TreeSet<>(policy.getIntentThresholds().keySet());
        out.addAll(policy.getAlwaysForward());
        out.addAll(policy.getNeverForward());
        return out;
    }

    private Optional<ReadOnlyKeyValueStore<String, ValueAndTimestamp<FilterPolicy>>> store() {
        if (!streams.isPresent()) {
            return Optional.empty();
        }
        KafkaStreams kafkaStreams;
        try {
            kafkaStreams = streams.get();
        } catch (RuntimeException notYet) {
            return Optional.empty();
        }
        if (!kafkaStreams.state().isRunningOrRebalancing()) {
            return Optional.empty();
        }
        try {
            return Optional.of(kafkaStreams.store(StoreQueryParameters.fromNameAndType(PolicyTable.STORE,
                    QueryableStoreTypes.timestampedKeyValueStore())));
        } catch (RuntimeException notQueryable) {
            return Optional.empty();
        }
    }
}
