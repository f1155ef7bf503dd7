package dev.stratus.local.dynamodb.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A table's stream: its records in commit order, in one shard. Records are appended under the
 * table's write lock, so their order is the order in which the changes were committed, and their
 * sequence numbers increase. A disabled stream keeps its records (readable for 24 hours in
 * DynamoDB) and takes no more: its shard is closed.
 *
 * <p>Positions in the shard are sequence numbers: a reader at position {@code p} reads the records
 * whose sequence numbers are greater than {@code p}. The shard starts at a sequence number reserved
 * when the stream was created (every record's is greater); trimming drops records from the front
 * and remembers the last sequence number it dropped, so a reader behind it can be told.
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
    private final long startingSequenceNumber;
    private final List<StreamRecord> records = new ArrayList<>();
    private volatile boolean enabled = true;
    private volatile Instant disabledAt;
    /** The greatest sequence number appended, or the starting one while there is none. */
    private long lastSequenceNumber;
    /** The greatest sequence number trimmed, or the one before the start while nothing was. */
    private long trimmedThrough;

    public StreamLog(String tableName, String arn, String label, String viewType, Instant createdAt, KeyDef partitionKey,
                     KeyDef sortKey, String shardId, long startingSequenceNumber) {
        this.tableName = tableName;
        this.arn = arn;
        this.label = label;
        this.viewType = viewType;
        this.createdAt = createdAt;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
        this.shardId = shardId;
        this.startingSequenceNumber = startingSequenceNumber;
        this.lastSequenceNumber = startingSequenceNumber;
        this.trimmedThrough = startingSequenceNumber - 1;
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

    /** The shard's first sequence number: every record's is greater. */
    public long startingSequenceNumber() {
        return startingSequenceNumber;
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
            lastSequenceNumber = Math.max(lastSequenceNumber, record.sequenceNumber());
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

    /**
     * Drops the records created before {@code cutoff} from the front of the shard (DynamoDB keeps
     * stream records for 24 hours). Cheap when there is nothing to drop.
     */
    public synchronized void trimBefore(Instant cutoff) {
        int drop = 0;
        while (drop < records.size() && records.get(drop).createdAt().isBefore(cutoff)) {
            drop++;
        }
        if (drop > 0) {
            trimmedThrough = records.get(drop - 1).sequenceNumber();
            records.subList(0, drop).clear();
        }
    }

    /** Where the shard stands: its bounds, for positions and DescribeStream. */
    public synchronized Bounds bounds() {
        return new Bounds(startingSequenceNumber, lastSequenceNumber, trimmedThrough, !enabled);
    }

    /**
     * Up to {@code limit} records after position {@code after} (and at most {@code maxBytes} of
     * them by {@code size}, but always one when there is one), found by binary search: the cost is
     * that of the records returned, not of the log.
     */
    public synchronized Slice read(long after, int limit, long maxBytes, ToLongFunction<StreamRecord> size) {
        int from = firstAfter(after);
        List<StreamRecord> out = new ArrayList<>(Math.min(limit, records.size() - from));
        long bytes = 0;
        int i = from;
        while (i < records.size() && out.size() < limit) {
            StreamRecord record = records.get(i);
            long recordSize = size.applyAsLong(record);
            if (!out.isEmpty() && bytes + recordSize > maxBytes) {
                break;
            }
            bytes += recordSize;
            out.add(record);
            i++;
        }
        long position = out.isEmpty() ? after : out.get(out.size() - 1).sequenceNumber();
        return new Slice(out, position, i < records.size(), new Bounds(startingSequenceNumber, lastSequenceNumber,
                trimmedThrough, !enabled));
    }

    /** The index of the first record whose sequence number is greater than {@code after}. */
    private int firstAfter(long after) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (records.get(mid).sequenceNumber() <= after) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * @param starting the shard's starting sequence number
     * @param last the greatest sequence number appended (the starting one when none was); once the
     *             shard is closed, its ending sequence number
     * @param trimmedThrough positions before this one were trimmed away
     * @param closed the stream was disabled (or its table deleted): no more records will come
     */
    public record Bounds(long starting, long last, long trimmedThrough, boolean closed) {
    }

    /**
     * @param records the records read, in sequence order
     * @param position where the next read starts
     * @param more records beyond those read are already in the shard
     */
    public record Slice(List<StreamRecord> records, long position, boolean more, Bounds bounds) {
    }
}
