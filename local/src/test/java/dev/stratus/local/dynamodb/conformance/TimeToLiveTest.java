package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationError;
import static dev.stratus.local.dynamodb.conformance.Fixtures.attr;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hash;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.n;
import static dev.stratus.local.dynamodb.conformance.Fixtures.payPerRequest;
import static dev.stratus.local.dynamodb.conformance.Fixtures.projection;
import static dev.stratus.local.dynamodb.conformance.Fixtures.s;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** UpdateTimeToLive, DescribeTimeToLive and the expiry of items by the engine's clock. */
class TimeToLiveTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final long NOW_SECONDS = NOW.getEpochSecond();
    private static Harness h;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
    }

    /** Every test starts with no tables and the clock stopped at NOW, so that expiry counts are its own. */
    @BeforeEach
    void resetEngine() {
        h.db.reset();
        h.db.clock().freeze(NOW);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static TimeToLiveDescription describe(String t) {
        return ddb.describeTimeToLive(b -> b.tableName(t)).timeToLiveDescription();
    }

    private static void enable(String t) {
        ddb.updateTimeToLive(b -> b.tableName(t).timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
    }

    private static String ttlTable() {
        String t = hashTable(ddb, unique("ttl"));
        enable(t);
        return t;
    }

    private static void put(String t, Map<String, AttributeValue> item) {
        ddb.putItem(b -> b.tableName(t).item(item));
    }

    private static boolean exists(String t, String key) {
        return ddb.getItem(b -> b.tableName(t).key(item("pk", key)).consistentRead(true)).hasItem();
    }

    // ---- UpdateTimeToLive / DescribeTimeToLive ----

    @Test
    @Source("API Reference: DescribeTimeToLive — TimeToLiveStatus DISABLED for a table without TTL")
    void timeToLiveIsDisabledByDefault() {
        String t = hashTable(ddb, unique("nottl"));
        TimeToLiveDescription d = describe(t);
        assertEquals(TimeToLiveStatus.DISABLED, d.timeToLiveStatus());
        assertNull(d.attributeName());
    }

    @Test
    @Source("API Reference: UpdateTimeToLive — returns the current TimeToLiveSpecification; API Reference: DescribeTimeToLive — ENABLED, AttributeName")
    void enablingTimeToLiveIsDescribed() {
        String t = hashTable(ddb, unique("ttlon"));
        TimeToLiveSpecification spec = ddb.updateTimeToLive(b -> b.tableName(t)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expires"))).timeToLiveSpecification();
        assertTrue(spec.enabled());
        assertEquals("expires", spec.attributeName());
        TimeToLiveDescription d = describe(t);
        assertEquals(TimeToLiveStatus.ENABLED, d.timeToLiveStatus());
        assertEquals("expires", d.attributeName());
    }

    @Test
    @Source("API Reference: UpdateTimeToLive — Any additional UpdateTimeToLive calls for the same table during this one hour duration result in a ValidationException")
    void secondUpdateWithinAnHourIsRefused() {
        String t = ttlTable();
        h.db.clock().advance(Duration.ofMinutes(30));
        assertValidationError(() -> ddb.updateTimeToLive(b -> b.tableName(t)
                .timeToLiveSpecification(s -> s.enabled(false).attributeName("expires"))));
        assertEquals(TimeToLiveStatus.ENABLED, describe(t).timeToLiveStatus());
    }

    @Test
    @Source("API Reference: UpdateTimeToLive — enabling TTL that is already enabled is a ValidationException")
    void enablingAgainIsRefused() {
        String t = ttlTable();
        h.db.clock().advance(Duration.ofHours(2));
        assertValidationError(() -> enable(t));
    }

    @Test
    @Source("API Reference: UpdateTimeToLive — Enabled false disables TTL (after the one-hour window)")
    void disablingTimeToLive() {
        String t = ttlTable();
        h.db.clock().advance(Duration.ofMinutes(61));
        ddb.updateTimeToLive(b -> b.tableName(t).timeToLiveSpecification(s -> s.enabled(false).attributeName("expires")));
        assertEquals(TimeToLiveStatus.DISABLED, describe(t).timeToLiveStatus());
    }

    @Test
    @Source("API Reference: DescribeTimeToLive — Errors: ResourceNotFoundException")
    void describeTimeToLiveOfAMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> describe(unique("gone")));
    }

    @Test
    @Source("API Reference: UpdateTimeToLive — Errors: ResourceNotFoundException")
    void updateTimeToLiveOfAMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> enable(unique("gone")));
    }

    // ---- expiry ----

    @Test
    @Source("API Reference: UpdateTimeToLive — If the epoch time value stored in the attribute is less than the current time, the item is marked as expired and subsequently deleted; stratus-local: expireTimeToLive")
    void expiredItemsAreDeletedAndOthersStay() {
        String t = ttlTable();
        put(t, item("pk", "past", "expires", NOW_SECONDS - 60));
        put(t, item("pk", "future", "expires", NOW_SECONDS + 3600));
        put(t, item("pk", "none"));
        assertEquals(1, h.db.expireTimeToLive());
        assertFalse(exists(t, "past"));
        assertTrue(exists(t, "future"));
        assertTrue(exists(t, "none"));
    }

    @Test
    @Source("API Reference: UpdateTimeToLive — the item expires when the stored time is less than the current time (equal is not expired)")
    void itemExpiringExactlyNowStays() {
        String t = ttlTable();
        put(t, item("pk", "now", "expires", NOW_SECONDS));
        h.db.expireTimeToLive();
        assertTrue(exists(t, "now"));
    }

    @Test
    @Source("Developer Guide: Using DynamoDB Time to Live (TTL) — Formatting an item's TTL attribute (the value must be a Number; other types are ignored)")
    void nonNumericTimeToLiveIsIgnored() {
        String t = ttlTable();
        put(t, item("pk", "text", "expires", s(Long.toString(NOW_SECONDS - 60))));
        h.db.expireTimeToLive();
        assertTrue(exists(t, "text"));
    }

    @Test
    @Source("Developer Guide: Using DynamoDB Time to Live (TTL) — Formatting an item's TTL attribute (expirations more than five years in the past are not deleted)")
    void expiryMoreThanFiveYearsAgoIsIgnored() {
        String t = ttlTable();
        put(t, item("pk", "ancient", "expires", NOW_SECONDS - 6L * 366 * 24 * 3600));
        put(t, item("pk", "recent", "expires", NOW_SECONDS - 4L * 365 * 24 * 3600));
        h.db.expireTimeToLive();
        assertTrue(exists(t, "ancient"));
        assertFalse(exists(t, "recent"));
    }

    @Test
    @Source("API Reference: UpdateTimeToLive — Items that have expired and not been deleted will still show up in reads, queries, and scans")
    void expiredItemsAreReadableUntilDeleted() {
        String t = ttlTable();
        put(t, item("pk", "past", "expires", NOW_SECONDS - 60));
        assertTrue(exists(t, "past"));
        assertEquals(1, ddb.scan(b -> b.tableName(t)).count());
    }

    @Test
    @Source("Developer Guide: Using time to live (TTL) in DynamoDB — expiry is compared with the current time; stratus-local: LocalClock.advance")
    void itemExpiresOnceTheClockPassesItsTime() {
        String t = ttlTable();
        put(t, item("pk", "soon", "expires", NOW_SECONDS + 100));
        h.db.expireTimeToLive();
        assertTrue(exists(t, "soon"));
        h.db.clock().advance(Duration.ofSeconds(101));
        assertEquals(1, h.db.expireTimeToLive());
        assertFalse(exists(t, "soon"));
    }

    @Test
    @Source("API Reference: UpdateTimeToLive — only tables with TTL enabled expire items")
    void tableWithoutTimeToLiveKeepsEverything() {
        String t = hashTable(ddb, unique("nottl"));
        put(t, item("pk", "past", "expires", NOW_SECONDS - 60));
        assertEquals(0, h.db.expireTimeToLive());
        assertTrue(exists(t, "past"));
    }

    @Test
    @Source("API Reference: UpdateTimeToLive — As items are deleted, they are removed from any local secondary index and global secondary index")
    void expiredItemsLeaveTheIndexes() {
        String t = unique("ttlgsi");
        ddb.createTable(payPerRequest(t)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("gk", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi").keySchema(hash("gk"))
                        .projection(projection(ProjectionType.ALL)).build())
                .build());
        enable(t);
        put(t, item("pk", "past", "gk", "x", "expires", NOW_SECONDS - 60));
        put(t, item("pk", "future", "gk", "x", "expires", NOW_SECONDS + 60));
        h.db.expireTimeToLive();
        var r = ddb.query(b -> b.tableName(t).indexName("gsi").keyConditionExpression("gk = :x")
                .expressionAttributeValues(Map.of(":x", s("x"))));
        assertEquals(1, r.count());
        assertEquals("future", r.items().get(0).get("pk").s());
    }

    @Test
    @Source("Developer Guide: DynamoDB Streams and Time to Live — a TTL deletion is a REMOVE record with userIdentity {PrincipalId dynamodb.amazonaws.com, Type Service}")
    void expiryWritesAServiceRemoveRecord() {
        String t = unique("ttlstream");
        ddb.createTable(payPerRequest(t).attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(hash("pk"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)).build());
        enable(t);
        Map<String, AttributeValue> expiring = item("pk", "past", "v", "x", "expires", n(NOW_SECONDS - 60));
        put(t, expiring);
        h.db.expireTimeToLive();
        String arn = ddb.describeTable(b -> b.tableName(t)).table().latestStreamArn();
        List<Record> records = new ArrayList<>();
        for (Shard shard : h.streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String it = h.streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            records.addAll(h.streams.getRecords(b -> b.shardIterator(it)).records());
        }
        assertEquals(2, records.size());
        Record insert = records.get(0);
        assertEquals(OperationType.INSERT, insert.eventName());
        assertNull(insert.userIdentity());
        Record remove = records.get(1);
        assertEquals(OperationType.REMOVE, remove.eventName());
        assertEquals(expiring, remove.dynamodb().oldImage());
        assertNotNull(remove.userIdentity());
        assertEquals("dynamodb.amazonaws.com", remove.userIdentity().principalId());
        assertEquals("Service", remove.userIdentity().type());
    }
}
