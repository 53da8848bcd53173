package dev.sift.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Specification of the RocksDB memory bound: every store shares one cache, memtables included. */
class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void shouldGiveEveryStoreTheSameCacheAndSmallMemtablesChargedToIt() {
        // Given two stores of two tasks
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
                Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {

            // When Kafka Streams configures them
            setter.setConfig("sift-conversation-context", first, Map.of());
            new BoundedRocksDbMemory().setConfig("sift-audit-budget", second, Map.of());

            // Then both write into memtables of a quarter of the shared memory split in two, and share one cache
            BoundedRocksDbMemory.Shared shared = BoundedRocksDbMemory.shared(BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES);
            assertThat(first.writeBufferSize()).isEqualTo(second.writeBufferSize())
                    .isEqualTo(shared.memtableBytes() / BoundedRocksDbMemory.MEMTABLES_PER_STORE);
            assertThat(first.maxWriteBufferNumber()).isEqualTo(BoundedRocksDbMemory.MEMTABLES_PER_STORE);
            assertThat(shared.memtableBytes()).isLessThan(shared.bytes());
            setter.close("sift-conversation-context", first);
            assertThat(shared.cache().isOwningHandle()).as("a closing store leaves the shared cache open").isTrue();
        }
    }

    @Test
    void shouldRefuseAMemorySettingThatIsNotASizeOfAtLeastOneMebibyte() {
        assertThat(BoundedRocksDbMemory.memoryBytes(Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, " 67108864 ")))
                .isEqualTo(64L * 1024 * 1024);
        assertThatThrownBy(() -> BoundedRocksDbMemory.memoryBytes(Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, "64MB")))
                .hasMessageContaining("must be a number of bytes");
        assertThatThrownBy(() -> BoundedRocksDbMemory.memoryBytes(Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, "1000")))
                .hasMessageContaining("at least 1048576");
    }
}
