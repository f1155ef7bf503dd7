package dev.stratus.local.dynamodb.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * A table's items and secondary indexes, and its stream. Reads hold {@link #lock()}'s read lock,
 * writes its write lock; a write updates the item, every index and the stream before the lock is
 * released, so readers never see an index out of step with the table. Items are immutable maps.
 */
public final class Table {
    private final Engine engine;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<StoreKey, Map<String, Value>> items = new TreeMap<>();
    private final Map<String, TreeMap<StoreKey, Map<String, Value>>> indexes = new HashMap<>();
    private final List<StreamLog> streams = new ArrayList<>();
    private volatile TableSchema schema;
    private volatile StreamLog stream;
    private long sizeBytes;
    private volatile Instant timeToLiveUpdatedAt;

    Table(Engine engine, TableSchema schema) {
        this.engine = engine;
        this.schema = schema;
        for (IndexSchema index : schema.indexes()) {
            indexes.put(index.name(), new TreeMap<>());
        }
    }

    public TableSchema schema() {
        return schema;
    }

    public String name() {
        return schema.name();
    }

    public ReentrantReadWriteLock lock() {
        return lock;
    }

    /** The current stream, or null when none is enabled. */
    public StreamLog stream() {
        return stream;
    }

    /** Every stream the table has had, the current one last. */
    public List<StreamLog> streams() {
        synchronized (streams) {
            return new ArrayList<>(streams);
        }
    }

    /** The item's table key; the item must hold the key attributes. */
    public StoreKey keyOf(Map<String, Value> item) {
        TableSchema s = schema;
        return StoreKey.of(item.get(s.partitionKey().name()), s.sortKey() == null ? null : item.get(s.sortKey().name()));
    }

    /** Only the key attributes of an item. */
    public Map<String, Value> keyAttributes(Map<String, Value> item) {
        TableSchema s = schema;
        Map<String, Value> key = new LinkedHashMap<>();
        key.put(s.partitionKey().name(), item.get(s.partitionKey().name()));
        if (s.sortKey() != null) {
            key.put(s.sortKey().name(), item.get(s.sortKey().name()));
        }
        return key;
    }

    /** The item at {@code key}, or null. Hold the read or write lock. */
    public Map<String, Value> get(StoreKey key) {
        return items.get(key);
    }

    /** All items in store order. Hold the read lock while iterating. */
    public NavigableMap<StoreKey, Map<String, Value>> items() {
        return Collections.unmodifiableNavigableMap(items);
    }

    /** An index's entries (projected items) in index order. Hold the read lock while iterating. */
    public NavigableMap<StoreKey, Map<String, Value>> index(String indexName) {
        TreeMap<StoreKey, Map<String, Value>> entries = indexes.get(indexName);
        return entries == null ? null : Collections.unmodifiableNavigableMap(entries);
    }

    /** When UpdateTimeToLive last changed the table, or null. */
    public Instant timeToLiveUpdatedAt() {
        return timeToLiveUpdatedAt;
    }

    /** Hold the write lock. */
    public void timeToLiveUpdated(Instant at) {
        this.timeToLiveUpdatedAt = at;
    }

    public int itemCount() {
        return items.size();
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * Writes {@code newItem} (or deletes, when null) in place of {@code oldItem} (null when there was
     * none): the table, every index, the stream and the engine's change counter. Hold the write
     * lock. {@code service} marks a deletion made by DynamoDB itself (time to live).
     */
    public void write(Map<String, Value> oldItem, Map<String, Value> newItem, boolean service) {
        if (!lock.isWriteLockedByCurrentThread()) {
            throw new IllegalStateException("write without the table's write lock");
        }
        Map<String, Value> any = newItem != null ? newItem : oldItem;
        if (any == null) {
            return;
        }
        StoreKey key = keyOf(any);
        if (newItem != null) {
            newItem = Collections.unmodifiableMap(new LinkedHashMap<>(newItem));
            items.put(key, newItem);
            sizeBytes += Values.itemSize(newItem);
        } else {
            items.remove(key);
        }
        if (oldItem != null) {
            sizeBytes -= Values.itemSize(oldItem);
        }
        TableSchema s = schema;
        for (IndexSchema index : s.indexes()) {
            TreeMap<StoreKey, Map<String, Value>> entries = indexes.get(index.name());
            if (oldItem != null) {
                StoreKey old = indexKey(index, oldItem, key);
                if (old != null) {
                    entries.remove(old);
                }
            }
            if (newItem != null) {
                StoreKey fresh = indexKey(index, newItem, key);
                if (fresh != null) {
                    entries.put(fresh, project(s, index, newItem));
                }
            }
        }
        engine.countChange();
        StreamLog current = stream;
        if (current != null && !(oldItem != null && oldItem.equals(newItem))) {
            // DynamoDB writes no stream record for a write that changes nothing
            String eventName = oldItem == null ? "INSERT" : newItem == null ? "REMOVE" : "MODIFY";
            current.append(new StreamRecord(engine.newEventId(), eventName, engine.nextSequenceNumber(), engine.clock().now(),
                    keyAttributes(any), oldItem, newItem, service));
        }
    }

    /** The entry key of an item in an index, or null when the item lacks the index's keys (sparse). */
    static StoreKey indexKey(IndexSchema index, Map<String, Value> item, StoreKey base) {
        Value partition = item.get(index.partitionKey().name());
        if (partition == null || partition.type() != index.partitionKey().type()) {
            return null;
        }
        Value sort = null;
        if (index.sortKey() != null) {
            sort = item.get(index.sortKey().name());
            if (sort == null || sort.type() != index.sortKey().type()) {
                return null;
            }
        }
        return StoreKey.indexEntry(partition, sort, base);
    }

    /** An item as an index holds it: its projection plus the table's and the index's keys. */
    static Map<String, Value> project(TableSchema schema, IndexSchema index, Map<String, Value> item) {
        if ("ALL".equals(index.projectionType())) {
            return item;
        }
        Set<String> keys = new java.util.HashSet<>(schema.keyAttributes());
        keys.add(index.partitionKey().name());
        if (index.sortKey() != null) {
            keys.add(index.sortKey().name());
        }
        Map<String, Value> projected = new LinkedHashMap<>();
        for (Map.Entry<String, Value> attribute : item.entrySet()) {
            if (index.projects(attribute.getKey(), keys)) {
                projected.put(attribute.getKey(), attribute.getValue());
            }
        }
        return Collections.unmodifiableMap(projected);
    }

    /** Replaces the schema (UpdateTable, UpdateTimeToLive). Hold the write lock. */
    void setSchema(TableSchema newSchema) {
        this.schema = Objects.requireNonNull(newSchema);
    }

    /** Builds a new index from the items already in the table (UpdateTable Create). Hold the write lock. */
    void addIndex(IndexSchema index) {
        TreeMap<StoreKey, Map<String, Value>> entries = new TreeMap<>();
        for (Map.Entry<StoreKey, Map<String, Value>> item : items.entrySet()) {
            StoreKey key = indexKey(index, item.getValue(), item.getKey());
            if (key != null) {
                entries.put(key, project(schema, index, item.getValue()));
            }
        }
        indexes.put(index.name(), entries);
    }

    /** Hold the write lock. */
    void dropIndex(String indexName) {
        indexes.remove(indexName);
    }

    /** Starts a new stream (its records begin now). Hold the write lock. */
    void enableStream(StreamLog log) {
        synchronized (streams) {
            streams.add(log);
        }
        this.stream = log;
        engine.registerStream(log);
    }

    /** Stops the current stream. Hold the write lock. */
    void disableStream(Instant at) {
        StreamLog current = stream;
        if (current != null) {
            current.disable(at);
        }
        this.stream = null;
    }
}
