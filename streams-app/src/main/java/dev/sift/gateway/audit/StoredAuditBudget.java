package dev.sift.gateway.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The audit budget of one stream task, counted in a changelogged store (policy and hour to audits taken): with
 * exactly-once processing the counts are committed with the outputs they allowed, so a task restored after a crash or
 * a rebalance goes on from the counts of what was written. A task takes its share of the fleet's cap:
 * {@code ceil(maxPerHour / partitions)}, the snippets topic's partitions being spread over the tasks. Hours are of
 * the gateway's clock, so the store holds at most a day of hours per policy: older ones are dropped when a new hour
 * begins, and a clock set back counts in the hour it shows.
 */
public final class StoredAuditBudget implements AuditBudget {

    /** Name of the store. */
    public static final String STORE = "sift-audit-budget";

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    private static final long KEPT_HOURS = 24;

    private final KeyValueStore<String, Long> counts;
    private final int partitions;
    private long newestHour = Long.MIN_VALUE;

    /**
     * @param counts the task's store
     * @param partitions partitions of the snippets topic (how many tasks share the fleet's cap)
     */
    public StoredAuditBudget(KeyValueStore<String, Long> counts, int partitions) {
        this.counts = counts;
        this.partitions = Math.max(1, partitions);
    }

    /** @return the store, changelogged (a persistent key-value store: at most a day of hours per policy) */
    public static StoreBuilder<KeyValueStore<String, Long>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long());
    }

    @Override
    public boolean take(String policyId, Instant now, Integer maxPerHour) {
        if (maxPerHour == null) {
            return true;
        }
        long share = (maxPerHour + (long) partitions - 1) / partitions;
        long hour = Math.floorDiv(now.toEpochMilli(), HOUR_MILLIS);
        String key = key(hour, policyId);
        Long taken = counts.get(key);
        long used = taken == null ? 0 : taken;
        if (used >= share) {
            return false;
        }
        counts.put(key, used + 1);
        if (hour > newestHour) {
            newestHour = hour;
            forgetBefore(hour - KEPT_HOURS);
        }
        return true;
    }

    private void forgetBefore(long hour) {
        // Keys start with a fixed-width hour, so they sort by hour: the old ones are a prefix of the key order.
        String end = key(hour, "");
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> keys = counts.range(null, end)) {
            while (keys.hasNext()) {
                String key = keys.next().key;
                if (key.compareTo(end) < 0) {
                    old.add(key);
                }
            }
        }
        old.forEach(counts::delete);
    }

    private static String key(long hour, String policyId) {
        return String.format(Locale.ROOT, "%019d/%s", Math.max(0, hour), policyId);
    }
}
