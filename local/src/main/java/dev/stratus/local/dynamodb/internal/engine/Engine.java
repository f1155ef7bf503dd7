package dev.stratus.local.dynamodb.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.Faults;
import dev.stratus.local.dynamodb.LocalClock;
import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.ops.Operations;
import dev.stratus.local.dynamodb.internal.ops.Request;

/**
 * The engine: the tables, the operations on them, and what is shared across tables (the clock,
 * injected faults, sequence numbers, the change counter). Each table has its own read/write lock;
 * an operation on several tables takes their locks in table-name order (see {@link #lockAll}), so
 * operations never deadlock and a transaction's writes become visible all at once.
 */
public final class Engine implements AutoCloseable {
    public static final String DYNAMODB_PREFIX = "DynamoDB_20120810.";
    public static final String STREAMS_PREFIX = "DynamoDBStreams_20120810.";
    private static final DateTimeFormatter STREAM_LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final String region;
    private final String accountId;
    private final LocalClock clock;
    private final Faults faults;
    private final ConcurrentHashMap<String, Table> tables = new ConcurrentHashMap<>();
    private final Object catalog = new Object();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong(100_000_000_000_000_000L);
    private final Map<String, Object> state = new ConcurrentHashMap<>();
    private final Map<String, StreamLog> streams = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService sweeper;

    public Engine(String region, String accountId, LocalClock clock, Faults faults) {
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
        this.faults = faults;
    }

    /** Answers one request: {@code target} is the X-Amz-Target header. */
    public JsonNode handle(String target, JsonNode body) {
        Operations.Operation operation = Operations.find(target);
        String name = Operations.name(target);
        Fault fault = faults.decide(name, tablesOf(body));
        if (fault != null) {
            fault = act(fault, name);
        }
        return operation.handle(this, new Request(name, body, fault));
    }

    /** Acts out a fault that fails or delays the whole request; returns the ones the operation must act out. */
    private static Fault act(Fault fault, String operation) {
        switch (fault.kind()) {
            case DELAY:
                try {
                    Thread.sleep(fault.delayDuration().toMillis(), fault.delayDuration().toNanosPart() % 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            case PROVISIONED_THROUGHPUT_EXCEEDED:
                throw new ApiException("ProvisionedThroughputExceededException", 400,
                        "The level of configured provisioned throughput for the table was exceeded. Consider increasing your "
                                + "provisioning level with the UpdateTable API. (injected by stratus-local)");
            case THROTTLING:
                throw new ApiException("ThrottlingException", 400, "Rate of requests exceeds the allowed throughput. (injected by stratus-local)");
            case INTERNAL_SERVER_ERROR:
                throw new ApiException("InternalServerError", 500, "Internal server error (injected by stratus-local)");
            case TRANSACTION_CONFLICT:
                if (operation.startsWith("Transact")) {
                    return fault;
                }
                throw new ApiException("TransactionConflictException", 400,
                        "Transaction is ongoing for the item (injected by stratus-local)");
            case UNPROCESSED:
                return operation.startsWith("Batch") ? fault : null;
            default:
                throw new IllegalStateException(fault.kind().name());
        }
    }

    /** The table names a request names, for fault matching. */
    private Collection<String> tablesOf(JsonNode body) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode table = body.get("TableName");
        if (table != null && table.isTextual()) {
            names.add(table.textValue());
        }
        JsonNode requestItems = body.get("RequestItems");
        if (requestItems != null && requestItems.isObject()) {
            requestItems.fieldNames().forEachRemaining(names::add);
        }
        JsonNode transactItems = body.get("TransactItems");
        if (transactItems != null && transactItems.isArray()) {
            for (JsonNode action : transactItems) {
                Iterator<JsonNode> parts = action.elements();
                while (parts.hasNext()) {
                    JsonNode part = parts.next();
                    JsonNode name = part.get("TableName");
                    if (name != null && name.isTextual()) {
                        names.add(name.textValue());
                    }
                }
            }
        }
        JsonNode streamArn = body.get("StreamArn");
        if (streamArn != null && streamArn.isTextual()) {
            String arn = streamArn.textValue();
            int start = arn.indexOf(":table/");
            int end = arn.indexOf("/stream/");
            if (start >= 0 && end > start) {
                names.add(arn.substring(start + 7, end));
            }
        }
        return names;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    public LocalClock clock() {
        return clock;
    }

    public Faults faults() {
        return faults;
    }

    /** The table, or ResourceNotFoundException as DynamoDB words it. */
    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw ApiException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    /** The table, or null. */
    public Table findTable(String name) {
        return tables.get(name);
    }

    /** Every table, by name. */
    public TreeMap<String, Table> tables() {
        return new TreeMap<>(tables);
    }

    /** Adds a table; ResourceInUseException when the name is taken. */
    public Table createTable(TableSchema schema) {
        synchronized (catalog) {
            if (tables.containsKey(schema.name())) {
                throw ApiException.resourceInUse("Table already exists: " + schema.name());
            }
            Table table = new Table(this, schema);
            if (schema.streamViewType() != null) {
                table.lock().writeLock().lock();
                try {
                    table.enableStream(newStream(schema));
                } finally {
                    table.lock().writeLock().unlock();
                }
            }
            tables.put(schema.name(), table);
            return table;
        }
    }

    public Table deleteTable(String name) {
        synchronized (catalog) {
            Table table = table(name);
            table.lock().writeLock().lock();
            try {
                tables.remove(name);
                table.disableStream(clock.now());
            } finally {
                table.lock().writeLock().unlock();
            }
            return table;
        }
    }

    /** A stream for a table of this schema (whose stream label is set), starting now. */
    public StreamLog newStream(TableSchema schema) {
        long start = sequence.incrementAndGet();
        return new StreamLog(schema.name(), schema.streamArn(), schema.streamLabel(), schema.streamViewType(), clock.now(),
                schema.partitionKey(), schema.sortKey(), "shardId-" + String.format("%020d", start) + "-"
                + UUID.randomUUID().toString().substring(0, 8), start);
    }

    /** Called when a table starts a stream: DynamoDB Streams finds it by ARN, also after its table is gone. */
    void registerStream(StreamLog log) {
        streams.put(log.arn(), log);
    }

    /**
     * Every stream still retained (enabled, or disabled less than {@code retention} ago), by ARN;
     * streams disabled longer ago are forgotten.
     */
    public TreeMap<String, StreamLog> streams(Duration retention) {
        Instant cutoff = clock.now().minus(retention);
        streams.values().removeIf(log -> !log.enabled() && log.disabledAt() != null && log.disabledAt().isBefore(cutoff));
        return new TreeMap<>(streams);
    }

    /** The stream with this ARN if it is still retained (see {@link #streams(Duration)}), or null. */
    public StreamLog findStream(String arn, Duration retention) {
        StreamLog log = streams.get(arn);
        if (log == null) {
            return null;
        }
        Instant disabledAt = log.disabledAt();
        if (!log.enabled() && disabledAt != null && disabledAt.isBefore(clock.now().minus(retention))) {
            streams.remove(arn, log);
            return null;
        }
        return log;
    }

    /** A label for a stream created now, unique within the engine. */
    public synchronized String newStreamLabel() {
        Instant now = clock.now();
        String label = STREAM_LABEL.format(now);
        // two streams created in the same millisecond (tests) still get distinct labels and ARNs
        while (labelsInUse.contains(label)) {
            now = now.plusMillis(1);
            label = STREAM_LABEL.format(now);
        }
        labelsInUse.add(label);
        return label;
    }

    private final Set<String> labelsInUse = new LinkedHashSet<>();

    public void enableStream(Table table, TableSchema schema) {
        table.enableStream(newStream(schema));
    }

    public void disableStream(Table table) {
        table.disableStream(clock.now());
    }

    public void setSchema(Table table, TableSchema schema) {
        table.setSchema(schema);
    }

    public void addIndex(Table table, IndexSchema index) {
        table.addIndex(index);
    }

    public void dropIndex(Table table, String indexName) {
        table.dropIndex(indexName);
    }

    /**
     * Takes the write locks (or read locks) of these tables in name order and returns them for
     * {@link #unlockAll}; the tables must exist.
     */
    public List<Lock> lockAll(Collection<Table> involved, boolean write) {
        TreeMap<String, Table> ordered = new TreeMap<>();
        for (Table table : involved) {
            ordered.put(table.name(), table);
        }
        List<Lock> locks = new ArrayList<>();
        for (Table table : ordered.values()) {
            Lock lock = write ? table.lock().writeLock() : table.lock().readLock();
            lock.lock();
            locks.add(lock);
        }
        return locks;
    }

    public static void unlockAll(List<Lock> locks) {
        for (int i = locks.size() - 1; i >= 0; i--) {
            locks.get(i).unlock();
        }
    }

    void countChange() {
        changes.incrementAndGet();
    }

    long nextSequenceNumber() {
        return sequence.incrementAndGet();
    }

    String newEventId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public long changeCount() {
        return changes.get();
    }

    /**
     * State that an operation family keeps across requests (e.g. transaction tokens, stream
     * iterators), created on first use.
     */
    @SuppressWarnings("unchecked")
    public <T> T state(String key, java.util.function.Supplier<T> create) {
        return (T) state.computeIfAbsent(key, k -> create.get());
    }

    public void startTimeToLiveSweeper(Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stratus-local-ttl");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::expireTimeToLive, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        sweeper = executor;
    }

    /** Deletes expired items; see {@code LocalDynamoDb.expireTimeToLive}. */
    public int expireTimeToLive() {
        return TimeToLive.expire(this);
    }

    /** Deletes every table. */
    public void reset() {
        for (String name : new ArrayList<>(tables.keySet())) {
            deleteTable(name);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService executor = sweeper;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
