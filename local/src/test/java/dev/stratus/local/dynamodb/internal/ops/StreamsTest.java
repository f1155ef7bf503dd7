package dev.stratus.local.dynamodb.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.stratus.local.dynamodb.LocalDynamoDb;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Streams through the SDK's streams client: ListStreams, DescribeStream, GetShardIterator, GetRecords. */
class StreamsTest {
    @RegisterExtension
    static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create();
    /**
     * Every test starts on a frozen clock at midnight, days after the previous test ended (so what
     * earlier tests left behind is long trimmed): creation times are exact and time only moves forward.
     */
    private Instant base;

    private static LocalDynamoDb db;
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() {
        db = DYNAMO.db();
        dynamo = DYNAMO.client();
        streams = DYNAMO.streamsClient();
    }

    @BeforeEach
    void freezeTheClock() {
        base = db.clock().now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(3));
        db.clock().freeze(base);
    }

    // ---------------------------------------------------------------- helpers

    /** A table keyed by pk (S) with a stream of this view type (none when null); returns its stream ARN. */
    private static String createTable(String name, StreamViewType viewType) {
        dynamo.createTable(b -> {
            b.tableName(name)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (viewType != null) {
                b.streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType));
            }
        });
        return viewType == null ? null : latestStreamArn(name);
    }

    private static String latestStreamArn(String table) {
        return dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    private static String enableStream(String table, StreamViewType viewType) {
        dynamo.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)));
        return latestStreamArn(table);
    }

    private static void disableStream(String table) {
        dynamo.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
    }

    private static Map<String, AttributeValue> item(String... namesAndValues) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put(namesAndValues[i], AttributeValue.fromS(namesAndValues[i + 1]));
        }
        return item;
    }

    private static void put(String table, String... namesAndValues) {
        dynamo.putItem(b -> b.tableName(table).item(item(namesAndValues)));
    }

    private static void delete(String table, String pk) {
        dynamo.deleteItem(b -> b.tableName(table).key(item("pk", pk)));
    }

    private static String shardId(String arn) {
        List<Shard> shards = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards();
        assertEquals(1, shards.size());
        return shards.get(0).shardId();
    }

    private static String iterator(String arn, ShardIteratorType type, String sequenceNumber) {
        String shardId = shardId(arn);
        return streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }

    private static String trimHorizon(String arn) {
        return iterator(arn, ShardIteratorType.TRIM_HORIZON, null);
    }

    private static GetRecordsResponse getRecords(String iterator) {
        return streams.getRecords(b -> b.shardIterator(iterator));
    }

    /** Every record from TRIM_HORIZON until a read returns none (or the shard ends). */
    private static List<Record> readAll(String arn) {
        List<Record> all = new ArrayList<>();
        String iterator = trimHorizon(arn);
        while (iterator != null) {
            GetRecordsResponse response = getRecords(iterator);
            all.addAll(response.records());
            if (response.records().isEmpty()) {
                break;
            }
            iterator = response.nextShardIterator();
        }
        return all;
    }

    private static List<String> eventNames(List<Record> records) {
        List<String> names = new ArrayList<>();
        records.forEach(r -> names.add(r.eventNameAsString()));
        return names;
    }

    private static List<String> values(List<Record> records, String attribute) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(r.dynamodb().newImage().get(attribute).s()));
        return values;
    }

    private static DynamoDbException fails(Consumer<DynamoDbStreamsClient> call) {
        return assertThrows(DynamoDbException.class, () -> call.accept(streams));
    }

    private static void assertError(String code, String message, DynamoDbException e) {
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
    }

    // ---------------------------------------------------------------- records and images

    @Test
    void insertModifyRemoveCarryTheirImagesAndEveryField() {
        String arn = createTable("s_images", StreamViewType.NEW_AND_OLD_IMAGES);
        put("s_images", "pk", "k1", "v", "one");
        db.clock().advance(Duration.ofMillis(2500));
        put("s_images", "pk", "k1", "v", "three");
        delete("s_images", "k1");

        List<Record> records = readAll(arn);
        assertEquals(List.of("INSERT", "MODIFY", "REMOVE"), eventNames(records));
        Set<String> eventIds = new HashSet<>();
        BigInteger previous = BigInteger.ZERO;
        for (Record record : records) {
            assertEquals("1.1", record.eventVersion());
            assertEquals("aws:dynamodb", record.eventSource());
            assertEquals("us-east-1", record.awsRegion());
            assertNull(record.userIdentity());
            assertTrue(eventIds.add(record.eventID()), "distinct event ids");
            assertEquals(item("pk", "k1"), record.dynamodb().keys());
            assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, record.dynamodb().streamViewType());
            String sequence = record.dynamodb().sequenceNumber();
            assertTrue(sequence.matches("[0-9]{21}"), sequence);
            BigInteger number = new BigInteger(sequence);
            assertTrue(number.compareTo(previous) > 0, "sequence numbers increase");
            previous = number;
        }
        Record insert = records.get(0);
        assertEquals(base, insert.dynamodb().approximateCreationDateTime());
        assertEquals(item("pk", "k1", "v", "one"), insert.dynamodb().newImage());
        assertFalse(insert.dynamodb().hasOldImage());
        assertEquals(12L, insert.dynamodb().sizeBytes()); // keys pk+k1 = 4, new image 4 + v+one = 8

        Record modify = records.get(1);
        // rounded down to the second: 00:00:02.5 -> 00:00:02
        assertEquals(base.plusSeconds(2), modify.dynamodb().approximateCreationDateTime());
        assertEquals(item("pk", "k1", "v", "three"), modify.dynamodb().newImage());
        assertEquals(item("pk", "k1", "v", "one"), modify.dynamodb().oldImage());
        assertEquals(22L, modify.dynamodb().sizeBytes());

        Record remove = records.get(2);
        assertFalse(remove.dynamodb().hasNewImage());
        assertEquals(item("pk", "k1", "v", "three"), remove.dynamodb().oldImage());
        assertEquals(14L, remove.dynamodb().sizeBytes());
    }

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"})
    void eachViewTypeShowsItsImages(StreamViewType viewType) {
        String table = "s_view_" + viewType.toString().toLowerCase();
        String arn = createTable(table, viewType);
        put(table, "pk", "a", "v", "1");
        put(table, "pk", "a", "v", "2");
        delete(table, "a");
        List<Record> records = readAll(arn);
        assertEquals(List.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE),
                records.stream().map(Record::eventName).toList());
        boolean showsNew = viewType == StreamViewType.NEW_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean showsOld = viewType == StreamViewType.OLD_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        List<Map<String, AttributeValue>> expectedNew = new ArrayList<>();
        List<Map<String, AttributeValue>> expectedOld = new ArrayList<>();
        expectedNew.add(showsNew ? item("pk", "a", "v", "1") : null);
        expectedNew.add(showsNew ? item("pk", "a", "v", "2") : null);
        expectedNew.add(null);
        expectedOld.add(null);
        expectedOld.add(showsOld ? item("pk", "a", "v", "1") : null);
        expectedOld.add(showsOld ? item("pk", "a", "v", "2") : null);
        for (int i = 0; i < 3; i++) {
            Record record = records.get(i);
            assertEquals(viewType, record.dynamodb().streamViewType());
            assertEquals(item("pk", "a"), record.dynamodb().keys());
            assertEquals(expectedNew.get(i), record.dynamodb().hasNewImage() ? record.dynamodb().newImage() : null, "new image " + i);
            assertEquals(expectedOld.get(i), record.dynamodb().hasOldImage() ? record.dynamodb().oldImage() : null, "old image " + i);
        }
        // KEYS_ONLY: 3 bytes of keys (pk + a) in every record
        if (viewType == StreamViewType.KEYS_ONLY) {
            assertEquals(List.of(3L, 3L, 3L), records.stream().map(r -> r.dynamodb().sizeBytes()).toList());
        }
    }

    @Test
    void aWriteThatChangesNothingWritesNoRecord() {
        String arn = createTable("s_noop", StreamViewType.NEW_AND_OLD_IMAGES);
        put("s_noop", "pk", "a", "v", "1");
        put("s_noop", "pk", "a", "v", "1"); // identical: no record
        dynamo.updateItem(b -> b.tableName("s_noop").key(item("pk", "a"))); // changes nothing: no record
        delete("s_noop", "missing"); // deletes nothing: no record
        dynamo.updateItem(b -> b.tableName("s_noop").key(item("pk", "b"))); // creates an item of just its key
        put("s_noop", "pk", "a", "v", "2");

        List<Record> records = readAll(arn);
        assertEquals(List.of("INSERT", "INSERT", "MODIFY"), eventNames(records));
        assertEquals(item("pk", "b"), records.get(1).dynamodb().newImage());
        assertEquals(item("pk", "a", "v", "2"), records.get(2).dynamodb().newImage());
    }

    @Test
    void recordsComeInCommitOrderAndPageByLimit() {
        String arn = createTable("s_order", StreamViewType.NEW_IMAGE);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String value = Integer.toString(i);
            put("s_order", "pk", "k" + (i % 7), "v", value);
            written.add(value);
        }
        List<Record> read = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String iterator = trimHorizon(arn);
        for (int page = 0; page < 4; page++) {
            String current = iterator;
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current).limit(100));
            pageSizes.add(response.records().size());
            read.addAll(response.records());
            iterator = response.nextShardIterator();
            assertNotNull(iterator, "an open shard always has a next iterator");
        }
        assertEquals(List.of(100, 100, 50, 0), pageSizes);
        assertEquals(written, values(read, "v"));
        for (int i = 1; i < read.size(); i++) {
            assertTrue(new BigInteger(read.get(i).dynamodb().sequenceNumber())
                    .compareTo(new BigInteger(read.get(i - 1).dynamodb().sequenceNumber())) > 0);
        }
        // the iterator at the end picks up what is written next
        put("s_order", "pk", "new", "v", "250");
        assertEquals(List.of("250"), values(getRecords(iterator).records(), "v"));
    }

    // ---------------------------------------------------------------- iterators

    @Test
    void eachIteratorTypeStartsWhereItSays() {
        String arn = createTable("s_iter", StreamViewType.NEW_IMAGE);
        put("s_iter", "pk", "a", "v", "1");
        put("s_iter", "pk", "a", "v", "2");
        put("s_iter", "pk", "a", "v", "3");
        List<Record> all = readAll(arn);
        String second = all.get(1).dynamodb().sequenceNumber();

        assertEquals(List.of("1", "2", "3"), values(getRecords(trimHorizon(arn)).records(), "v"));
        assertEquals(List.of("2", "3"), values(getRecords(iterator(arn, ShardIteratorType.AT_SEQUENCE_NUMBER, second)).records(), "v"));
        assertEquals(List.of("3"), values(getRecords(iterator(arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second)).records(), "v"));
        String last = all.get(2).dynamodb().sequenceNumber();
        assertEquals(List.of(), getRecords(iterator(arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, last)).records());

        String latest = iterator(arn, ShardIteratorType.LATEST, null);
        GetRecordsResponse empty = getRecords(latest);
        assertEquals(List.of(), empty.records());
        put("s_iter", "pk", "a", "v", "4");
        put("s_iter", "pk", "b", "v", "5");
        // both the LATEST iterator and the one its empty read returned see only the new writes
        assertEquals(List.of("4", "5"), values(getRecords(latest).records(), "v"));
        assertEquals(List.of("4", "5"), values(getRecords(empty.nextShardIterator()).records(), "v"));
        // an iterator can be read again: reading does not consume it
        assertEquals(List.of("4", "5"), values(getRecords(latest).records(), "v"));
    }

    @Test
    void iteratorsExpireFifteenMinutesAfterTheyAreIssued() {
        String arn = createTable("s_expire", StreamViewType.NEW_IMAGE);
        put("s_expire", "pk", "a", "v", "1");
        String first = trimHorizon(arn);
        Instant issued = db.clock().now();
        db.clock().advance(Duration.ofMinutes(14));
        GetRecordsResponse response = getRecords(first);
        assertEquals(List.of("1"), values(response.records(), "v"));
        String next = response.nextShardIterator(); // issued at +14 minutes
        db.clock().advance(Duration.ofMinutes(2));

        ExpiredIteratorException e = assertThrows(ExpiredIteratorException.class, () -> getRecords(first));
        assertError("ExpiredIteratorException", "Iterator expired. The iterator was created at time " + issued
                + " while right now it's " + issued.plus(Duration.ofMinutes(16))
                + "; shard iterators expire 15 minutes after they are issued", e);
        put("s_expire", "pk", "a", "v", "2");
        assertEquals(List.of("2"), values(getRecords(next).records(), "v"));
        db.clock().advance(Duration.ofMinutes(13));
        assertThrows(ExpiredIteratorException.class, () -> getRecords(next));
    }

    // ---------------------------------------------------------------- closed shards, new streams, deleted tables

    @Test
    void aDisabledStreamHasAClosedShardThatEnds() {
        String arn = createTable("s_closed", StreamViewType.KEYS_ONLY);
        StreamDescription open = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
        assertEquals(StreamStatus.ENABLED, open.streamStatus());
        assertNull(open.shards().get(0).sequenceNumberRange().endingSequenceNumber());
        put("s_closed", "pk", "a");
        put("s_closed", "pk", "b");
        List<Record> records = readAll(arn);
        disableStream("s_closed");
        put("s_closed", "pk", "c"); // after the stream was disabled: not recorded

        StreamDescription closed = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
        assertEquals(StreamStatus.DISABLED, closed.streamStatus());
        assertEquals(StreamViewType.KEYS_ONLY, closed.streamViewType());
        assertEquals("s_closed", closed.tableName());
        assertEquals(arn.substring(arn.indexOf("/stream/") + 8), closed.streamLabel());
        assertEquals(List.of(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()), closed.keySchema());
        assertNull(closed.lastEvaluatedShardId());
        Shard shard = closed.shards().get(0);
        assertEquals(open.shards().get(0).shardId(), shard.shardId());
        assertEquals(open.shards().get(0).sequenceNumberRange().startingSequenceNumber(),
                shard.sequenceNumberRange().startingSequenceNumber());
        assertEquals(records.get(1).dynamodb().sequenceNumber(), shard.sequenceNumberRange().endingSequenceNumber());
        assertTrue(new BigInteger(shard.sequenceNumberRange().startingSequenceNumber())
                .compareTo(new BigInteger(records.get(0).dynamodb().sequenceNumber())) < 0);

        // read one at a time: a next iterator until the last record, none after it
        String iterator = trimHorizon(arn);
        String it1 = iterator;
        GetRecordsResponse page1 = streams.getRecords(b -> b.shardIterator(it1).limit(1));
        assertEquals(List.of(item("pk", "a")), page1.records().stream().map(r -> r.dynamodb().keys()).toList());
        assertNotNull(page1.nextShardIterator());
        GetRecordsResponse page2 = streams.getRecords(b -> b.shardIterator(page1.nextShardIterator()).limit(1));
        assertEquals(List.of(item("pk", "b")), page2.records().stream().map(r -> r.dynamodb().keys()).toList());
        assertNull(page2.nextShardIterator());
        GetRecordsResponse latest = getRecords(iterator(arn, ShardIteratorType.LATEST, null));
        assertEquals(List.of(), latest.records());
        assertNull(latest.nextShardIterator());
    }

    @Test
    void reEnablingAStreamStartsANewOneWithItsOwnArnAndLabel() {
        String first = createTable("s_reenable", StreamViewType.NEW_IMAGE);
        put("s_reenable", "pk", "a", "v", "1");
        disableStream("s_reenable");
        db.clock().advance(Duration.ofSeconds(1));
        String second = enableStream("s_reenable", StreamViewType.OLD_IMAGE);
        put("s_reenable", "pk", "a", "v", "2");

        assertNotEquals(first, second);
        StreamDescription old = streams.describeStream(b -> b.streamArn(first)).streamDescription();
        StreamDescription fresh = streams.describeStream(b -> b.streamArn(second)).streamDescription();
        assertEquals(StreamStatus.DISABLED, old.streamStatus());
        assertEquals(StreamStatus.ENABLED, fresh.streamStatus());
        assertNotEquals(old.streamLabel(), fresh.streamLabel());
        assertEquals(base, old.creationRequestDateTime());
        assertEquals(base.plusSeconds(1), fresh.creationRequestDateTime());
        assertNotEquals(old.shards().get(0).shardId(), fresh.shards().get(0).shardId());
        assertEquals(StreamViewType.OLD_IMAGE, fresh.streamViewType());
        assertEquals(second, dynamo.describeTable(b -> b.tableName("s_reenable")).table().latestStreamArn());
        assertEquals(fresh.streamLabel(), dynamo.describeTable(b -> b.tableName("s_reenable")).table().latestStreamLabel());

        List<Record> oldRecords = readAll(first);
        assertEquals(List.of("INSERT"), eventNames(oldRecords));
        List<Record> newRecords = readAll(second);
        assertEquals(List.of("MODIFY"), eventNames(newRecords));
        assertEquals(item("pk", "a", "v", "1"), newRecords.get(0).dynamodb().oldImage());
        assertEquals(List.of(first, second), streams.listStreams(b -> b.tableName("s_reenable")).streams().stream()
                .map(Stream::streamArn).toList());
    }

    @Test
    void aDeletedTablesStreamStaysReadableAndClosed() {
        String arn = createTable("s_deleted", StreamViewType.NEW_IMAGE);
        put("s_deleted", "pk", "a", "v", "1");
        put("s_deleted", "pk", "b", "v", "2");
        String iterator = trimHorizon(arn);
        dynamo.deleteTable(b -> b.tableName("s_deleted"));

        assertEquals(List.of(Stream.builder().streamArn(arn).tableName("s_deleted")
                        .streamLabel(arn.substring(arn.indexOf("/stream/") + 8)).build()),
                streams.listStreams(b -> b.tableName("s_deleted")).streams());
        StreamDescription description = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
        assertEquals(StreamStatus.DISABLED, description.streamStatus());
        GetRecordsResponse response = getRecords(iterator);
        assertEquals(List.of("INSERT", "INSERT"), eventNames(response.records())); // deleting a table writes no REMOVE records
        assertEquals(response.records().get(1).dynamodb().sequenceNumber(),
                description.shards().get(0).sequenceNumberRange().endingSequenceNumber());
        assertNull(response.nextShardIterator());
    }

    // ---------------------------------------------------------------- ListStreams

    @Test
    void listStreamsFiltersByTableAndPages() {
        List<String> arns = new ArrayList<>();
        arns.add(createTable("s_list_a", StreamViewType.KEYS_ONLY));
        for (int i = 0; i < 2; i++) {
            disableStream("s_list_a");
            db.clock().advance(Duration.ofMillis(10));
            arns.add(enableStream("s_list_a", StreamViewType.KEYS_ONLY));
        }
        String other = createTable("s_list_b", StreamViewType.KEYS_ONLY);
        createTable("s_list_c", null);

        ListStreamsResponse page1 = streams.listStreams(b -> b.tableName("s_list_a").limit(2));
        assertEquals(arns.subList(0, 2), page1.streams().stream().map(Stream::streamArn).toList());
        assertEquals(arns.get(1), page1.lastEvaluatedStreamArn());
        ListStreamsResponse page2 = streams.listStreams(b -> b.tableName("s_list_a").limit(2)
                .exclusiveStartStreamArn(page1.lastEvaluatedStreamArn()));
        assertEquals(arns.subList(2, 3), page2.streams().stream().map(Stream::streamArn).toList());
        assertNull(page2.lastEvaluatedStreamArn());
        for (Stream stream : page1.streams()) {
            assertEquals("s_list_a", stream.tableName());
            assertEquals(stream.streamArn(), "arn:aws:dynamodb:us-east-1:000000000000:table/s_list_a/stream/" + stream.streamLabel());
        }
        assertEquals(List.of(), streams.listStreams(b -> b.tableName("s_list_c")).streams());

        // unfiltered, one at a time: every stream once, in ARN order, mine among them
        List<String> all = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListStreamsResponse page = streams.listStreams(b -> b.limit(1).exclusiveStartStreamArn(from));
            assertTrue(page.streams().size() <= 1);
            page.streams().forEach(s -> all.add(s.streamArn()));
            start = page.lastEvaluatedStreamArn();
        } while (start != null);
        assertEquals(all.stream().sorted().toList(), all);
        assertEquals(new HashSet<>(all).size(), all.size());
        assertTrue(all.containsAll(arns));
        assertTrue(all.contains(other));
        assertEquals(all.subList(0, Math.min(100, all.size())),
                streams.listStreams(b -> b.limit(100)).streams().stream().map(Stream::streamArn).toList());
    }

    // ---------------------------------------------------------------- retention

    @Test
    void recordsOlderThan24HoursAreTrimmed() {
        String arn = createTable("s_trim", StreamViewType.NEW_IMAGE);
        String shardId = shardId(arn);
        put("s_trim", "pk", "a", "v", "1");
        String firstSequence = readAll(arn).get(0).dynamodb().sequenceNumber();
        db.clock().advance(Duration.ofHours(12));
        put("s_trim", "pk", "a", "v", "2");
        db.clock().advance(Duration.ofHours(11).plusMinutes(55));
        // 23h55m after the first record: still there; the iterator points before it
        String beforeFirst = trimHorizon(arn);
        assertEquals(List.of("1", "2"), values(getRecords(beforeFirst).records(), "v"));
        db.clock().advance(Duration.ofMinutes(10));

        // now the first record is 24h05m old: gone; the iterator (10 minutes old) points at trimmed data
        TrimmedDataAccessException e = assertThrows(TrimmedDataAccessException.class, () -> getRecords(beforeFirst));
        assertEquals("TrimmedDataAccessException", e.awsErrorDetails().errorCode());
        assertEquals(List.of("2"), values(getRecords(trimHorizon(arn)).records(), "v"));
        assertThrows(TrimmedDataAccessException.class, () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(firstSequence)));
        // after the trimmed record is where the retained ones start
        assertEquals(List.of("2"), values(getRecords(iterator(arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, firstSequence))
                .records(), "v"));
        db.clock().advance(Duration.ofHours(12));
        assertEquals(List.of(), getRecords(trimHorizon(arn)).records());
    }

    @Test
    void aDisabledStreamIsForgotten24HoursAfterItWasDisabled() {
        String arn = createTable("s_forget", StreamViewType.NEW_IMAGE);
        disableStream("s_forget");
        db.clock().advance(Duration.ofHours(23));
        assertEquals(List.of(arn), streams.listStreams(b -> b.tableName("s_forget")).streams().stream()
                .map(Stream::streamArn).toList());
        db.clock().advance(Duration.ofHours(1).plusSeconds(1));
        assertEquals(List.of(), streams.listStreams(b -> b.tableName("s_forget")).streams());
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> streams.describeStream(b -> b.streamArn(arn)));
        assertError("ResourceNotFoundException", "Requested resource not found: Stream: " + arn + " not found", e);
    }

    // ---------------------------------------------------------------- time to live

    @Test
    void timeToLiveDeletionsCarryTheServiceIdentity() {
        String arn = createTable("s_ttl", StreamViewType.NEW_AND_OLD_IMAGES);
        dynamo.updateTimeToLive(b -> b.tableName("s_ttl").timeToLiveSpecification(s -> s.enabled(true).attributeName("exp")));
        long now = db.clock().now().getEpochSecond();
        Map<String, AttributeValue> soon = new LinkedHashMap<>(item("pk", "soon"));
        soon.put("exp", AttributeValue.fromN(Long.toString(now + 60)));
        Map<String, AttributeValue> later = new LinkedHashMap<>(item("pk", "later"));
        later.put("exp", AttributeValue.fromN(Long.toString(now + 3600)));
        dynamo.putItem(b -> b.tableName("s_ttl").item(soon));
        dynamo.putItem(b -> b.tableName("s_ttl").item(later));
        put("s_ttl", "pk", "mine");
        delete("s_ttl", "mine");
        db.clock().advance(Duration.ofMinutes(2));
        assertEquals(1, db.expireTimeToLive());

        List<Record> records = readAll(arn);
        assertEquals(List.of("INSERT", "INSERT", "INSERT", "REMOVE", "REMOVE"), eventNames(records));
        assertNull(records.get(3).userIdentity(), "a user's delete has no identity");
        Record expired = records.get(4);
        assertEquals("Service", expired.userIdentity().type());
        assertEquals("dynamodb.amazonaws.com", expired.userIdentity().principalId());
        assertEquals(item("pk", "soon"), expired.dynamodb().keys());
        assertEquals(soon, expired.dynamodb().oldImage());
        assertFalse(expired.dynamodb().hasNewImage());
        assertEquals(base.plusSeconds(120), expired.dynamodb().approximateCreationDateTime());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void unknownStreamsAndShardsAreNotFound() {
        String arn = createTable("s_missing", StreamViewType.NEW_IMAGE);
        String unknown = "arn:aws:dynamodb:us-east-1:000000000000:table/s_missing/stream/2000-01-01T00:00:00.000";
        assertError("ResourceNotFoundException", "Requested resource not found: Stream: " + unknown + " not found",
                assertThrows(ResourceNotFoundException.class, () -> streams.describeStream(b -> b.streamArn(unknown))));
        assertThrows(ResourceNotFoundException.class, () -> streams.getShardIterator(b -> b.streamArn(unknown)
                .shardId("shardId-00000000000000000001-00000000").shardIteratorType(ShardIteratorType.LATEST)));
        String shard = "shardId-00000000000000000001-00000000";
        assertError("ResourceNotFoundException", "Requested resource not found: Shard: " + shard + " in Stream: " + arn + " not found",
                assertThrows(ResourceNotFoundException.class, () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))));
        // DescribeStream pages shards after ExclusiveStartShardId: the only shard is not after itself
        String shardId = shardId(arn);
        StreamDescription after = streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(shardId).limit(1))
                .streamDescription();
        assertEquals(List.of(), after.shards());
        assertNull(after.lastEvaluatedShardId());
    }

    @Test
    void getShardIteratorChecksItsMembers() {
        String arn = createTable("s_gsi_errors", StreamViewType.NEW_IMAGE);
        String shardId = shardId(arn);
        put("s_gsi_errors", "pk", "a");
        String sequence = readAll(arn).get(0).dynamodb().sequenceNumber();

        assertError("ValidationException", "SequenceNumber is required when ShardIteratorType is AT_SEQUENCE_NUMBER",
                fails(s -> s.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER))));
        assertError("ValidationException", "SequenceNumber is required when ShardIteratorType is AFTER_SEQUENCE_NUMBER",
                fails(s -> s.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER))));
        assertError("ValidationException", "SequenceNumber must not be given when ShardIteratorType is TRIM_HORIZON",
                fails(s -> s.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON).sequenceNumber(sequence))));
        assertError("ValidationException", "SequenceNumber must not be given when ShardIteratorType is LATEST",
                fails(s -> s.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.LATEST).sequenceNumber(sequence))));
        assertError("ValidationException", "1 validation error detected: Value 'FIRST' at 'shardIteratorType' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]",
                fails(s -> s.getShardIterator(b -> b.streamArn(arn).shardId(shardId).shardIteratorType("FIRST"))));
        assertError("ValidationException", "2 validation errors detected: Value null at 'shardId' failed to satisfy constraint: "
                        + "Member must not be null; Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null",
                fails(s -> s.getShardIterator(b -> b.streamArn(arn))));
        assertError("ValidationException", "1 validation error detected: Value 'abc' at 'streamArn' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 37",
                fails(s -> s.getShardIterator(b -> b.streamArn("abc").shardId(shardId).shardIteratorType(ShardIteratorType.LATEST))));
        assertError("ValidationException", "1 validation error detected: Value '12' at 'sequenceNumber' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 21",
                fails(s -> s.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber("12"))));
        String beyond = String.format("%021d", new BigInteger(sequence).add(BigInteger.TEN));
        DynamoDbException e = fails(s -> s.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(beyond)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Invalid SequenceNumber: " + beyond + " is not in shard " + shardId),
                e.awsErrorDetails().errorMessage());
        assertError("ValidationException", "Invalid StreamArn: arn:aws:dynamodb:us-east-1:000000000000:table/s_gsi_errors",
                fails(s -> s.describeStream(b -> b.streamArn("arn:aws:dynamodb:us-east-1:000000000000:table/s_gsi_errors"))));
    }

    @Test
    void getRecordsAndListsCheckTheirMembers() {
        String arn = createTable("s_gr_errors", StreamViewType.NEW_IMAGE);
        String iterator = trimHorizon(arn);
        assertError("ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 1", fails(s -> s.getRecords(b -> b.shardIterator(iterator).limit(0))));
        assertError("ValidationException", "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: "
                + "Member must have value less than or equal to 1000", fails(s -> s.getRecords(b -> b.shardIterator(iterator).limit(1001))));
        assertError("ValidationException", "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: "
                + "Member must not be null", fails(s -> s.getRecords(b -> b.limit(1))));
        assertError("ValidationException", "Invalid ShardIterator: it is not a shard iterator that GetShardIterator or GetRecords "
                + "returned", fails(s -> s.getRecords(b -> b.shardIterator("garbage"))));
        // a tampered iterator fails its checksum
        char last = iterator.charAt(iterator.length() - 1);
        String tampered = iterator.substring(0, iterator.length() - 1) + (last == '0' ? '1' : '0');
        assertEquals("ValidationException", fails(s -> s.getRecords(b -> b.shardIterator(tampered))).awsErrorDetails().errorCode());
        assertError("ValidationException", "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
                + "Member must have value less than or equal to 100", fails(s -> s.listStreams(b -> b.limit(101))));
        assertError("ValidationException", "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 3", fails(s -> s.listStreams(b -> b.tableName("x"))));
        assertError("ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 1", fails(s -> s.describeStream(b -> b.streamArn(arn).limit(0))));
        assertError("ValidationException", "1 validation error detected: Value null at 'streamArn' failed to satisfy constraint: "
                + "Member must not be null", fails(s -> s.describeStream(b -> b.limit(1))));
    }
}
