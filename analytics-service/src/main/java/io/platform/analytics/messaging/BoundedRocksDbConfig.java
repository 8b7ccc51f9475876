package io.platform.analytics.messaging;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the application together: one shared block cache that also accounts the
 * memtables ({@code analytics.streams.rocks-db-memory}, set through {@link #TOTAL_MEMORY}).
 */
public class BoundedRocksDbConfig implements RocksDBConfigSetter {

    public static final String TOTAL_MEMORY = "analytics.rocksdb.total-memory";
    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void init(long totalMemory) {
        if (cache == null) {
            cache = new LRUCache(totalMemory, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(totalMemory / 4, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object total = configs.get(TOTAL_MEMORY);
        init(total == null ? 32L << 20 : Long.parseLong(total.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(4L << 20);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared: never closed per store
    }
}
