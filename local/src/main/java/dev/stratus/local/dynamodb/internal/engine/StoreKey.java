package dev.stratus.local.dynamodb.internal.engine;

import java.nio.charset.StandardCharsets;

import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * Where an item (or index entry) sits in its sorted store: by a hash of the partition key (so that
 * a Scan visits partitions in no particular key order and its segments split the hash space, as in
 * DynamoDB), then the partition key, then the sort key, then, for index entries, the table's own key
 * (which keeps entries with equal index keys apart). Bounds ({@code -1} below every value, {@code +1}
 * above) make range ends for a partition or a sort key value.
 */
public final class StoreKey implements Comparable<StoreKey> {
    /** The size of the hash space that Scan segments divide. */
    public static final long HASH_SPACE = 1L << 32;

    private final long hash;
    private final Value partition;
    private final Value sort;
    private final int sortBound;
    private final StoreKey base;
    private final int baseBound;

    private StoreKey(long hash, Value partition, Value sort, int sortBound, StoreKey base, int baseBound) {
        this.hash = hash;
        this.partition = partition;
        this.sort = sort;
        this.sortBound = sortBound;
        this.base = base;
        this.baseBound = baseBound;
    }

    /** The key of a table item; {@code sort} is null for a table without a sort key. */
    public static StoreKey of(Value partition, Value sort) {
        return new StoreKey(hash(partition), partition, sort, 0, null, 0);
    }

    /** The key of an index entry: the index's key values, then the table item's key. */
    public static StoreKey indexEntry(Value partition, Value sort, StoreKey base) {
        return new StoreKey(hash(partition), partition, sort, 0, base, 0);
    }

    /** Below every key of the partition. */
    public static StoreKey partitionStart(Value partition) {
        return new StoreKey(hash(partition), partition, null, -1, null, 0);
    }

    /** Above every key of the partition. */
    public static StoreKey partitionEnd(Value partition) {
        return new StoreKey(hash(partition), partition, null, 1, null, 0);
    }

    /**
     * Below ({@code bound = -1}) or above ({@code +1}) every entry whose sort key equals
     * {@code sort}, whatever the entry's table key; for sort key ranges on tables and indexes.
     */
    public static StoreKey aroundSort(Value partition, Value sort, int bound) {
        return new StoreKey(hash(partition), partition, sort, 0, null, bound);
    }

    /** Below every key whose hash is at least {@code hash}: where a Scan segment starts. */
    public static StoreKey hashStart(long hash) {
        return new StoreKey(hash, null, null, -1, null, 0);
    }

    public long hash() {
        return hash;
    }

    public Value partition() {
        return partition;
    }

    public Value sort() {
        return sort;
    }

    /** For index entries, the table item's key; else null. */
    public StoreKey base() {
        return base;
    }

    /** An unsigned 32-bit hash of a partition key value (FNV-1a over its canonical bytes, then mixed). */
    public static long hash(Value partition) {
        byte[] bytes;
        if (partition instanceof Value.S) {
            bytes = ((Value.S) partition).value().getBytes(StandardCharsets.UTF_8);
        } else if (partition instanceof Value.N) {
            bytes = ((Value.N) partition).text().getBytes(StandardCharsets.US_ASCII);
        } else if (partition instanceof Value.B) {
            bytes = ((Value.B) partition).value().toArray();
        } else {
            throw new IllegalArgumentException("not a key type: " + partition.type());
        }
        int h = 0x811C9DC5;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h & 0xFFFFFFFFL;
    }

    @Override
    public int compareTo(StoreKey other) {
        int c = Long.compare(hash, other.hash);
        if (c != 0) {
            return c;
        }
        if (partition == null || other.partition == null) {
            // a hash-only bound sits below every key of its hash
            return partition == null ? (other.partition == null ? 0 : sortBound) : -other.sortBound;
        }
        c = Values.compareScalars(partition, other.partition);
        if (c != 0) {
            return c;
        }
        if (sortBound != 0 || other.sortBound != 0) {
            return Integer.compare(sortBound, other.sortBound);
        }
        if (sort != null && other.sort != null) {
            c = Values.compareScalars(sort, other.sort);
            if (c != 0) {
                return c;
            }
        } else if (sort != null || other.sort != null) {
            return sort == null ? -1 : 1;
        }
        if (baseBound != 0 || other.baseBound != 0) {
            return Integer.compare(baseBound, other.baseBound);
        }
        if (base != null && other.base != null) {
            return base.compareTo(other.base);
        }
        return base == null ? (other.base == null ? 0 : -1) : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreKey && compareTo((StoreKey) o) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }

    @Override
    public String toString() {
        return "StoreKey[" + partition + (sort == null ? "" : ", " + sort) + (base == null ? "" : " of " + base) + "]";
    }
}
