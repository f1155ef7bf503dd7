package dev.stratus.functions.orderstats;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The one-off backfill: counts every order of the orders table that the statistics do not count yet
 * (those that existed before the stream processor, and whose records have left the 24-hour stream).
 * Safe to run while the processor runs, and to run again: an order counted by either is skipped.
 *
 * <pre>
 * AWS_REGION=eu-central-1 java -cp functions/order-stats/target/function.jar \
 *     dev.stratus.functions.orderstats.Backfill --orders-table NAME --stats-table NAME [--segments 4]
 * </pre>
 */
public final class Backfill {
    private final DynamoDbClient dynamo;
    private final String ordersTable;
    private final OrderStatistics statistics;

    public Backfill(DynamoDbClient dynamo, String ordersTable, String statsTable) {
        this.dynamo = dynamo;
        this.ordersTable = ordersTable;
        this.statistics = new OrderStatistics(dynamo, statsTable, Clock.systemUTC());
    }

    /** Scans the orders table in {@code segments} parallel segments; the count of each outcome, and of malformed orders. */
    public Map<String, Long> run(int segments) throws Exception {
        Map<OrderStatistics.Outcome, AtomicLong> counts = new EnumMap<>(OrderStatistics.Outcome.class);
        for (OrderStatistics.Outcome o : OrderStatistics.Outcome.values()) {
            counts.put(o, new AtomicLong());
        }
        AtomicLong malformed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(segments);
        try {
            java.util.List<Future<?>> running = new java.util.ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                int s = segment;
                running.add(pool.submit(() -> {
                    for (Map<String, AttributeValue> item : dynamo.scanPaginator(ScanRequest.builder().tableName(ordersTable)
                            .segment(s).totalSegments(segments).consistentRead(true).build()).items()) {
                        try {
                            counts.get(statistics.backfill(item)).incrementAndGet();
                        } catch (MalformedOrderException e) {
                            malformed.incrementAndGet();
                            System.err.println(e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Long> result = new LinkedHashMap<>();
        counts.forEach((o, c) -> result.put(o.name().toLowerCase(java.util.Locale.ROOT), c.get()));
        result.put("malformed", malformed.get());
        return result;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String orders = options.get("--orders-table");
        String stats = options.get("--stats-table");
        if (orders == null || stats == null || args.length % 2 != 0) {
            System.err.println("usage: Backfill --orders-table NAME --stats-table NAME [--segments N]   (AWS_REGION must be set)");
            System.exit(2);
        }
        int segments = Integer.parseInt(options.getOrDefault("--segments", "4"));
        DynamoDbClient dynamo = SdkClients.dynamo(System.getenv(), Timeouts.of(Duration.ofSeconds(30), Duration.ofSeconds(10)));
        Map<String, Long> result = new Backfill(dynamo, orders, stats).run(segments);
        System.out.println(JsonMapper.builder().build().writeValueAsString(result));
    }
}
