package dev.stratus.local.dynamodb.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's stream: its records in commit order, in one shard. Records are appended under the
 * table's write lock, so their order is the order in which the changes were committed. A disabled
 * stream keeps its records (readable for 24 hours in DynamoDB) and takes no more.
 */
public final class StreamLog {
    private final String tableName;
    private final String arn;
    private final String label;
    private final String viewType;
    private final Instant createdAt;
    private final KeyDef partitionKey;
    private final KeyDef sortKey;
    private final String shardId;
    private final List<StreamRecord> records = new ArrayList<>();
    private volatile boolean enabled = true;
    private volatile Instant disabledAt;

    public StreamLog(String tableName, String arn, String label, String viewType, Instant createdAt, KeyDef partitionKey,
                     KeyDef sortKey, String shardId) {
        this.tableName = tableName;
        this.arn = arn;
        this.label = label;
        this.viewType = viewType;
        this.createdAt = createdAt;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
        this.shardId = shardId;
    }

    public String tableName() {
        return tableName;
    }

    public String arn() {
        return arn;
    }

    public String label() {
        return label;
    }

    public String viewType() {
        return viewType;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public KeyDef partitionKey() {
        return partitionKey;
    }

    public KeyDef sortKey() {
        return sortKey;
    }

    public String shardId() {
        return shardId;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant disabledAt() {
        return disabledAt;
    }

    synchronized void append(StreamRecord record) {
        if (enabled) {
            records.add(record);
        }
    }

    synchronized void disable(Instant at) {
        enabled = false;
        disabledAt = at;
    }

    /** A copy of the records kept, oldest first. */
    public synchronized List<StreamRecord> records() {
        return new ArrayList<>(records);
    }

    /** Drops records created before {@code cutoff} (DynamoDB keeps stream records for 24 hours). */
    public synchronized void trimBefore(Instant cutoff) {
        records.removeIf(record -> record.createdAt().isBefore(cutoff));
    }
}
