package dev.sift.gateway.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the native memory of every RocksDB store of the gateway together ({@code rocksdb.config.setter}): one block
 * cache for all stores, which also holds their index and filter blocks, and the stores' memtables charged to it
 * through one write buffer manager. Without it each store of each task opens its own 50 MB cache and three 16 MB
 * memtables, so a 2-core gateway's resident memory would grow with its partitions and stores rather than stay within
 * a size ops choose.
 *
 * <p>Kafka Streams creates a setter per store by reflection, so the cache and the manager are shared through static
 * fields, made once with the first store's settings and kept for the life of the process: a store closing must not
 * free what the others still use.
 *
 * <p>Settings, in the Kafka Streams configuration ({@code kafka.streams.default.*}): {@value #MEMORY_CONFIG}, the
 * bytes of all stores' cache and memtables (default {@value #DEFAULT_MEMORY_BYTES}), of which
 * {@value #MEMTABLE_SHARE_PERCENT}% at most are memtables.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Bytes of native memory all RocksDB stores share, memtables included. */
    public static final String MEMORY_CONFIG = "sift.rocksdb.memory.bytes";

    /** The default of {@value #MEMORY_CONFIG}. */
    public static final long DEFAULT_MEMORY_BYTES = 64L * 1024 * 1024;

    /** Percentage of the shared memory the memtables may take. */
    static final int MEMTABLE_SHARE_PERCENT = 25;

    /** Memtables per store: one filling while one flushes. */
    static final int MEMTABLES_PER_STORE = 2;

    /** Index and filter blocks are kept with high priority, so data blocks are evicted first. */
    private static final double HIGH_PRIORITY_RATIO = 0.1;

    private static Shared shared;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(memoryBytes(configs));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(memory.memtableBytes() / MEMTABLES_PER_STORE);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    }

    @Override
    public void close(String storeName, Options options) {
        // The shared cache and manager outlive any one store (see the class comment).
    }

    /**
     * @param configs the Kafka Streams configuration
     * @return the configured bytes
     * @throws IllegalArgumentException when the setting is not a size of at least 1 MiB
     */
    static long memoryBytes(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_CONFIG);
        if (value == null) {
            return DEFAULT_MEMORY_BYTES;
        }
        long bytes;
        try {
            bytes = Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MEMORY_CONFIG + " must be a number of bytes, was '" + value + "'", e);
        }
        if (bytes < 1024 * 1024) {
            throw new IllegalArgumentException(MEMORY_CONFIG + " must be at least 1048576 (1 MiB), was " + bytes);
        }
        return bytes;
    }

    /** @return the shared memory, made on first use with that size */
    static synchronized Shared shared(long bytes) {
        if (shared == null) {
            long memtables = bytes * MEMTABLE_SHARE_PERCENT / 100;
            Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_RATIO);
            shared = new Shared(cache, new WriteBufferManager(memtables, cache), bytes, memtables);
        }
        return shared;
    }

    /**
     * The native memory every store shares.
     *
     * @param cache the block cache
     * @param writeBuffers the memtables' manager, charging them to the cache
     * @param bytes the cache's capacity
     * @param memtableBytes the memtables' bound
     */
    record Shared(Cache cache, WriteBufferManager writeBuffers, long bytes, long memtableBytes) {
    }
}
