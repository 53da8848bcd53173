package dev.sift.gateway.release;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent entries of a map, at most a fixed number: what a gateway remembers about releases it saw. Anyone
 * able to write the releases topic can write millions of them; memory must not grow with that. Thread-safe.
 *
 * @param <V> what is remembered per version
 */
final class BoundedMemory<V> {

    private final Map<String, V> entries;

    /**
     * @param capacity entries kept; the least recently written go first
     */
    BoundedMemory(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param key a version
     * @param value what to remember
     */
    synchronized void put(String key, V value) {
        entries.remove(key);
        entries.put(key, value);
    }

    /**
     * @param key a version
     * @return what is remembered
     */
    synchronized Optional<V> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** @return a copy, oldest first */
    synchronized Map<String, V> snapshot() {
        return new LinkedHashMap<>(entries);
    }

    /** @return entries held */
    synchronized int size() {
        return entries.size();
    }
}
