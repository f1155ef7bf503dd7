package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationError;
import static dev.stratus.local.dynamodb.conformance.Fixtures.attr;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hash;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.n;
import static dev.stratus.local.dynamodb.conformance.Fixtures.payPerRequest;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Streams through DynamoDbStreamsClient: streams, shards, iterators and records. */
class StreamsTest {
    private static Harness h;
    private static DynamoDbClient ddb;
    private static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
        streams = h.streams;
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String streamTable(StreamViewType view) {
        String t = unique("streamed");
        ddb.createTable(payPerRequest(t).attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(hash("pk"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(view)).build());
        return t;
    }

    private static String streamArn(String t) {
        return ddb.describeTable(b -> b.tableName(t)).table().latestStreamArn();
    }

    private static StreamDescription describe(String t) {
        String arn = streamArn(t);
        return streams.describeStream(b -> b.streamArn(arn)).streamDescription();
    }

    private static String firstShard(String t) {
        return describe(t).shards().get(0).shardId();
    }

    private static String iterator(String t, ShardIteratorType type, String sequenceNumber) {
        String arn = streamArn(t);
        String shard = firstShard(t);
        return streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }

    /** Every record readable from the iterator, page by page, until a page comes back empty. */
    private static List<Record> drain(String iterator) {
        List<Record> records = new ArrayList<>();
        String it = iterator;
        for (int i = 0; i < 100 && it != null; i++) {
            String current = it;
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
            records.addAll(page.records());
            it = page.nextShardIterator();
            if (page.records().isEmpty()) {
                break;
            }
        }
        return records;
    }

    /** Every record of the table's stream, from all shards, oldest first. */
    private static List<Record> records(String t) {
        String arn = streamArn(t);
        List<Record> records = new ArrayList<>();
        for (Shard shard : describe(t).shards()) {
            String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            records.addAll(drain(it));
        }
        records.sort((a, b) -> new BigInteger(a.dynamodb().sequenceNumber()).compareTo(new BigInteger(b.dynamodb().sequenceNumber())));
        return records;
    }

    private static List<OperationType> events(List<Record> records) {
        return records.stream().map(Record::eventName).collect(Collectors.toList());
    }

    private static void put(String t, Map<String, AttributeValue> item) {
        ddb.putItem(b -> b.tableName(t).item(item));
    }

    /** put a, update a (v 1 -> 2), delete a. */
    private static void insertModifyRemove(String t) {
        put(t, item("pk", "a", "v", 1));
        ddb.updateItem(b -> b.tableName(t).key(item("pk", "a")).updateExpression("SET v = :two")
                .expressionAttributeValues(Map.of(":two", n(2))));
        ddb.deleteItem(b -> b.tableName(t).key(item("pk", "a")));
    }

    private static boolean hasImage(Map<String, AttributeValue> image) {
        return image != null && !image.isEmpty();
    }

    // ---- streams and shards ----

    @Test
    @Source("Streams API Reference: ListStreams — TableName (only the streams of that table), Stream (StreamArn, TableName, StreamLabel)")
    void listStreamsFindsTheTableStream() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        var table = ddb.describeTable(b -> b.tableName(t)).table();
        var listed = streams.listStreams(b -> b.tableName(t)).streams();
        assertEquals(1, listed.size());
        assertEquals(table.latestStreamArn(), listed.get(0).streamArn());
        assertEquals(t, listed.get(0).tableName());
        assertEquals(table.latestStreamLabel(), listed.get(0).streamLabel());
    }

    @Test
    @Source("Streams API Reference: ListStreams — without TableName, the streams of every table")
    void listStreamsWithoutATableListsEveryStream() {
        String t1 = streamTable(StreamViewType.KEYS_ONLY);
        String t2 = streamTable(StreamViewType.NEW_IMAGE);
        Set<String> tables = new HashSet<>();
        streams.listStreams(b -> b.limit(100)).streams().forEach(s -> tables.add(s.tableName()));
        assertTrue(tables.containsAll(Set.of(t1, t2)));
    }

    @Test
    @Source("Streams API Reference: ListStreams — a table without a stream has none")
    void tableWithoutAStreamListsNoStream() {
        String t = hashTable(ddb, unique("plain"));
        assertTrue(streams.listStreams(b -> b.tableName(t)).streams().isEmpty());
    }

    @Test
    @Source("Streams API Reference: DescribeStream — StreamDescription (StreamStatus ENABLED, StreamViewType, TableName, KeySchema, Shards)")
    void describeStreamDescribesTheStreamAndItsShards() {
        String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
        StreamDescription d = describe(t);
        assertEquals(streamArn(t), d.streamArn());
        assertEquals(StreamStatus.ENABLED, d.streamStatus());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, d.streamViewType());
        assertEquals(t, d.tableName());
        assertEquals(List.of(hash("pk")), d.keySchema());
        assertFalse(d.shards().isEmpty());
        Shard shard = d.shards().get(0);
        assertNotNull(shard.shardId());
        assertNotNull(shard.sequenceNumberRange().startingSequenceNumber());
    }

    @Test
    @Source("Streams API Reference: DescribeStream — Errors: ResourceNotFoundException")
    void describingAnUnknownStreamIsResourceNotFound() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        String bogus = streamArn(t).replace(t, unique("nostream"));
        assertThrows(ResourceNotFoundException.class, () -> streams.describeStream(b -> b.streamArn(bogus)));
    }

    @Test
    @Source("Streams API Reference: GetShardIterator — Errors: ResourceNotFoundException (an unknown shard)")
    void iteratorOfAnUnknownShardIsResourceNotFound() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        String arn = streamArn(t);
        assertThrows(ResourceNotFoundException.class, () -> streams.getShardIterator(b -> b.streamArn(arn)
                .shardId("shardId-00000000000000000000-deadbeef").shardIteratorType(ShardIteratorType.TRIM_HORIZON)));
    }

    // ---- records by view type ----

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — StreamViewType NEW_AND_OLD_IMAGES; Streams API Reference: Record — eventName INSERT, MODIFY, REMOVE")
    void newAndOldImages() {
        String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
        insertModifyRemove(t);
        List<Record> r = records(t);
        assertEquals(List.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE), events(r));
        assertEquals(item("pk", "a", "v", 1), r.get(0).dynamodb().newImage());
        assertFalse(hasImage(r.get(0).dynamodb().oldImage()));
        assertEquals(item("pk", "a", "v", 1), r.get(1).dynamodb().oldImage());
        assertEquals(item("pk", "a", "v", 2), r.get(1).dynamodb().newImage());
        assertEquals(item("pk", "a", "v", 2), r.get(2).dynamodb().oldImage());
        assertFalse(hasImage(r.get(2).dynamodb().newImage()));
        for (Record record : r) {
            assertEquals(item("pk", "a"), record.dynamodb().keys());
        }
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — StreamViewType KEYS_ONLY (only the key attributes)")
    void keysOnly() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        insertModifyRemove(t);
        List<Record> r = records(t);
        assertEquals(List.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE), events(r));
        for (Record record : r) {
            assertEquals(item("pk", "a"), record.dynamodb().keys());
            assertFalse(hasImage(record.dynamodb().newImage()));
            assertFalse(hasImage(record.dynamodb().oldImage()));
        }
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — StreamViewType NEW_IMAGE (the entire item, as it appears after it was modified)")
    void newImage() {
        String t = streamTable(StreamViewType.NEW_IMAGE);
        insertModifyRemove(t);
        List<Record> r = records(t);
        assertEquals(item("pk", "a", "v", 1), r.get(0).dynamodb().newImage());
        assertEquals(item("pk", "a", "v", 2), r.get(1).dynamodb().newImage());
        assertFalse(hasImage(r.get(1).dynamodb().oldImage()));
        assertFalse(hasImage(r.get(2).dynamodb().newImage()));
        assertFalse(hasImage(r.get(2).dynamodb().oldImage()));
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — StreamViewType OLD_IMAGE (the entire item, as it appeared before it was modified)")
    void oldImage() {
        String t = streamTable(StreamViewType.OLD_IMAGE);
        insertModifyRemove(t);
        List<Record> r = records(t);
        assertFalse(hasImage(r.get(0).dynamodb().oldImage()));
        assertFalse(hasImage(r.get(0).dynamodb().newImage()));
        assertEquals(item("pk", "a", "v", 1), r.get(1).dynamodb().oldImage());
        assertFalse(hasImage(r.get(1).dynamodb().newImage()));
        assertEquals(item("pk", "a", "v", 2), r.get(2).dynamodb().oldImage());
    }

    @Test
    @Source("Streams API Reference: Record — eventSource aws:dynamodb, eventVersion, awsRegion, eventID; StreamRecord — StreamViewType, SizeBytes")
    void recordMetadata() {
        String t = streamTable(StreamViewType.NEW_IMAGE);
        insertModifyRemove(t);
        List<Record> r = records(t);
        Set<String> ids = new HashSet<>();
        for (Record record : r) {
            assertEquals("aws:dynamodb", record.eventSource());
            assertEquals("1.1", record.eventVersion());
            assertEquals("us-east-1", record.awsRegion());
            assertNotNull(record.eventID());
            ids.add(record.eventID());
            assertEquals(StreamViewType.NEW_IMAGE, record.dynamodb().streamViewType());
            assertTrue(record.dynamodb().sizeBytes() > 0);
            assertNull(record.userIdentity());
        }
        assertEquals(r.size(), ids.size());
    }

    @Test
    @Source("Streams API Reference: StreamRecord — SequenceNumber (increasing for the records of a shard)")
    void sequenceNumbersIncrease() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        for (int i = 0; i < 5; i++) {
            put(t, item("pk", "k" + i));
        }
        List<Record> r = drain(iterator(t, ShardIteratorType.TRIM_HORIZON, null));
        assertEquals(5, r.size());
        for (int i = 1; i < r.size(); i++) {
            assertTrue(new BigInteger(r.get(i - 1).dynamodb().sequenceNumber())
                    .compareTo(new BigInteger(r.get(i).dynamodb().sequenceNumber())) < 0);
            assertEquals(item("pk", "k" + i), r.get(i).dynamodb().keys());
        }
    }

    @Test
    @Source("Streams API Reference: StreamRecord — ApproximateCreationDateTime (rounded down to the closest second); stratus-local: LocalClock")
    void approximateCreationTimeIsTheEngineClockInWholeSeconds() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        h.db.clock().freeze(Instant.parse("2032-05-06T07:08:09.750Z"));
        try {
            put(t, item("pk", "a"));
        } finally {
            h.db.clock().resume();
        }
        assertEquals(Instant.parse("2032-05-06T07:08:09Z"), records(t).get(0).dynamodb().approximateCreationDateTime());
    }

    // ---- what writes a record ----

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — a PutItem or UpdateItem that does not change any data writes no stream record")
    void putThatChangesNothingWritesNoRecord() {
        String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
        put(t, item("pk", "a", "v", 1));
        put(t, item("pk", "a", "v", 1));
        assertEquals(List.of(OperationType.INSERT), events(records(t)));
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — a PutItem or UpdateItem that does not change any data writes no stream record")
    void updateThatChangesNothingWritesNoRecord() {
        String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
        put(t, item("pk", "a", "v", 1));
        ddb.updateItem(b -> b.tableName(t).key(item("pk", "a")).updateExpression("SET v = :one")
                .expressionAttributeValues(Map.of(":one", n(1))));
        assertEquals(List.of(OperationType.INSERT), events(records(t)));
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — records are written only when data is modified (deleting a missing item modifies nothing)")
    void deleteOfAMissingItemWritesNoRecord() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        ddb.deleteItem(b -> b.tableName(t).key(item("pk", "ghost")));
        assertTrue(records(t).isEmpty());
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — a failed conditional write modifies nothing and writes no record")
    void failedConditionalWriteWritesNoRecord() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        put(t, item("pk", "a"));
        assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.putItem(b -> b.tableName(t).item(item("pk", "a", "v", 1)).conditionExpression("attribute_not_exists(pk)")));
        assertEquals(List.of(OperationType.INSERT), events(records(t)));
    }

    @Test
    @Source("Streams API Reference: Record — eventName INSERT (a new item was added, by UpdateItem too)")
    void updateThatCreatesAnItemIsAnInsert() {
        String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
        ddb.updateItem(b -> b.tableName(t).key(item("pk", "a")).updateExpression("SET v = :one")
                .expressionAttributeValues(Map.of(":one", n(1))));
        List<Record> r = records(t);
        assertEquals(List.of(OperationType.INSERT), events(r));
        assertEquals(item("pk", "a", "v", 1), r.get(0).dynamodb().newImage());
    }

    @Test
    @Source("Developer Guide: DynamoDB Streams and transactions — each item written by a transaction has its own stream record")
    void transactionWritesOneRecordPerItem() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        put(t, item("pk", "c"));
        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(t).item(item("pk", "a"))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(t).item(item("pk", "b"))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(t).key(item("pk", "c"))).build()));
        List<Record> r = records(t).subList(1, 4);
        Set<String> inserted = new HashSet<>();
        for (Record record : r) {
            if (record.eventName() == OperationType.INSERT) {
                inserted.add(record.dynamodb().keys().get("pk").s());
            } else {
                assertEquals(OperationType.REMOVE, record.eventName());
                assertEquals(item("pk", "c"), record.dynamodb().keys());
            }
        }
        assertEquals(Set.of("a", "b"), inserted);
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — BatchWriteItem writes a record per item")
    void batchWriteWritesOneRecordPerItem() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        ddb.batchWriteItem(b -> b.requestItems(Map.of(t, List.of(
                WriteRequest.builder().putRequest(p -> p.item(item("pk", "a"))).build(),
                WriteRequest.builder().putRequest(p -> p.item(item("pk", "b"))).build()))));
        assertEquals(List.of(OperationType.INSERT, OperationType.INSERT), events(records(t)));
    }

    // ---- iterators ----

    @Test
    @Source("Streams API Reference: GetShardIterator — ShardIteratorType LATEST (just after the most recent record)")
    void latestIteratorSeesOnlyLaterRecords() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        put(t, item("pk", "before1"));
        put(t, item("pk", "before2"));
        String latest = iterator(t, ShardIteratorType.LATEST, null);
        put(t, item("pk", "after"));
        List<Record> r = drain(latest);
        assertEquals(1, r.size());
        assertEquals(item("pk", "after"), r.get(0).dynamodb().keys());
    }

    @Test
    @Source("Streams API Reference: GetShardIterator — ShardIteratorType AT_SEQUENCE_NUMBER")
    void atSequenceNumberStartsAtThatRecord() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        for (String k : List.of("a", "b", "c")) {
            put(t, item("pk", k));
        }
        String second = records(t).get(1).dynamodb().sequenceNumber();
        List<Record> r = drain(iterator(t, ShardIteratorType.AT_SEQUENCE_NUMBER, second));
        assertEquals(List.of("b", "c"), r.stream().map(x -> x.dynamodb().keys().get("pk").s()).collect(Collectors.toList()));
    }

    @Test
    @Source("Streams API Reference: GetShardIterator — ShardIteratorType AFTER_SEQUENCE_NUMBER")
    void afterSequenceNumberStartsAfterThatRecord() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        for (String k : List.of("a", "b", "c")) {
            put(t, item("pk", k));
        }
        String second = records(t).get(1).dynamodb().sequenceNumber();
        List<Record> r = drain(iterator(t, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second));
        assertEquals(List.of("c"), r.stream().map(x -> x.dynamodb().keys().get("pk").s()).collect(Collectors.toList()));
    }

    @Test
    @Source("Streams API Reference: GetRecords — Limit and NextShardIterator")
    void getRecordsLimitAndNextIterator() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        put(t, item("pk", "a"));
        put(t, item("pk", "b"));
        String it = iterator(t, ShardIteratorType.TRIM_HORIZON, null);
        GetRecordsResponse first = streams.getRecords(b -> b.shardIterator(it).limit(1));
        assertEquals(1, first.records().size());
        assertEquals(item("pk", "a"), first.records().get(0).dynamodb().keys());
        assertNotNull(first.nextShardIterator());
        GetRecordsResponse second = streams.getRecords(b -> b.shardIterator(first.nextShardIterator()).limit(1));
        assertEquals(item("pk", "b"), second.records().get(0).dynamodb().keys());
        GetRecordsResponse third = streams.getRecords(b -> b.shardIterator(second.nextShardIterator()));
        assertTrue(third.records().isEmpty());
        assertNotNull(third.nextShardIterator());
    }

    // ---- enabling and disabling ----

    @Test
    @Source("API Reference: UpdateTable — StreamSpecification (a stream enabled later holds only the changes made after)")
    void streamEnabledLaterHoldsOnlyLaterChanges() {
        String t = hashTable(ddb, unique("later"));
        put(t, item("pk", "before"));
        ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
        put(t, item("pk", "after"));
        List<Record> r = records(t);
        assertEquals(1, r.size());
        assertEquals(item("pk", "after"), r.get(0).dynamodb().keys());
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — disabling a stream (its status becomes DISABLED and no further records are written)")
    void disabledStreamStopsRecording() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        String arn = streamArn(t);
        put(t, item("pk", "a"));
        ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(false)));
        put(t, item("pk", "b"));
        StreamDescription d = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
        assertTrue(d.streamStatus() == StreamStatus.DISABLED || d.streamStatus() == StreamStatus.DISABLING, d.streamStatusAsString());
        List<Record> r = new ArrayList<>();
        for (Shard shard : d.shards()) {
            String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            r.addAll(drain(it));
        }
        assertEquals(1, r.size());
        assertEquals(item("pk", "a"), r.get(0).dynamodb().keys());
    }

    @Test
    @Source("API Reference: UpdateTable — StreamSpecification (ValidationException if you try to enable a stream on a table that already has one)")
    void enablingAnEnabledStreamIsRefused() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        assertValidationError(() -> ddb.updateTable(b -> b.tableName(t)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))));
    }

    @Test
    @Source("API Reference: UpdateTable — StreamSpecification (ValidationException if you try to disable a stream on a table that doesn't have one)")
    void disablingAMissingStreamIsRefused() {
        String t = hashTable(ddb, unique("nostream"));
        assertValidationError(() -> ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(false))));
    }

    @Test
    @Source("Streams API Reference: GetShardIterator — a shard iterator expires 15 minutes after it is returned; GetRecords — Errors: ExpiredIteratorException")
    void shardIteratorExpiresAfterFifteenMinutes() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        put(t, item("pk", "a"));
        String it = iterator(t, ShardIteratorType.TRIM_HORIZON, null);
        h.db.clock().advance(java.time.Duration.ofMinutes(16));
        assertThrows(software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException.class,
                () -> streams.getRecords(b -> b.shardIterator(it)));
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — stream records are available for 24 hours")
    void recordsOlderThanADayAreGone() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        put(t, item("pk", "old"));
        h.db.clock().advance(java.time.Duration.ofHours(25));
        put(t, item("pk", "new"));
        List<Record> r = records(t);
        assertEquals(List.of(item("pk", "new")), r.stream().map(x -> x.dynamodb().keys()).collect(Collectors.toList()));
    }

    @Test
    @Source("Developer Guide: Change data capture for DynamoDB Streams — re-enabling a stream creates a new stream with a different stream descriptor")
    void reEnabledStreamIsANewStream() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        String first = streamArn(t);
        ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(false)));
        h.db.clock().advance(java.time.Duration.ofSeconds(2));
        ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        String second = streamArn(t);
        assertFalse(first.equals(second), "a new stream ARN: " + second);
        assertEquals(StreamStatus.ENABLED, describe(t).streamStatus());
        assertEquals(StreamViewType.NEW_IMAGE, describe(t).streamViewType());
    }

    @Test
    @Source("Developer Guide: DynamoDB Streams and transactions — a cancelled transaction writes nothing, so no stream record")
    void cancelledTransactionWritesNoRecord() {
        String t = streamTable(StreamViewType.KEYS_ONLY);
        assertThrows(software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(t).item(item("pk", "a"))).build(),
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(t).key(item("pk", "none"))
                                .conditionExpression("attribute_exists(pk)")).build())));
        assertTrue(records(t).isEmpty());
    }
}
