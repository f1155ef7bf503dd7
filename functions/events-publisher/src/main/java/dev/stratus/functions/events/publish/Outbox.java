package dev.stratus.functions.events.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.Events;
import dev.stratus.functions.events.MalformedEventException;
import dev.stratus.functions.telemetry.JsonLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A transactional outbox in a producer's own table, so that no event is lost between a committed
 * change and a failed publish: the event is written at {@code EVENT#<id>} (under the table's key
 * attribute) in the same transaction as the change, published right after, and deleted once
 * EventBridge accepted it. An event left behind (the publish failed, or the function stopped)
 * carries {@code outbox = PENDING} and is found through the sparse index {@link #INDEX} by
 * {@link #relay}. Delivery is at least once; consumers are idempotent by event id.
 *
 * <p>Logs JSON lines ({@link JsonLog}) with the event's correlation id: a failed publish or delete
 * (WARN), each event the relay published ({@code event relayed}, INFO), a quarantined item (ERROR).
 *
 * <p>Every item key of the outbox starts with {@link #KEY_PREFIX}: the stacks narrow the
 * producers' and the relay's {@code DeleteItem} (and the relay's {@code UpdateItem}) to those keys
 * with {@code dynamodb:LeadingKeys}.
 */
public final class Outbox {
    public static final String INDEX = "outbox-index";
    /** The prefix of every outbox item's key; the IAM condition of the stacks relies on it. */
    public static final String KEY_PREFIX = "EVENT#";
    static final String PENDING = "PENDING";
    /** Items the relay could not read as an event: kept for a person to look at, off the pending partition. */
    public static final String QUARANTINED = "QUARANTINED";
    /** The relay stops a table after this many failed publishes in a row: the bus is down, not one event. */
    static final int MAX_FAILURES_IN_A_ROW = 5;
    /**
     * {@code eventTime}, the index's sort key: fixed width (nine fraction digits) so that string
     * order is time order ({@code Instant.toString()} drops zero fractions).
     */
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;
    private final String keyAttribute;
    private final EventPublisher publisher;
    private final JsonLog log;

    /**
     * An outbox in {@code table}, whose partition key attribute is {@code keyAttribute}; failures
     * are logged to {@code log} (in Lambda, {@code LambdaRuntime.getLogger()}).
     */
    public Outbox(DynamoDbClient dynamo, String table, String keyAttribute, EventPublisher publisher, LambdaLogger log) {
        this.dynamo = dynamo;
        this.table = table;
        this.keyAttribute = keyAttribute;
        this.publisher = publisher;
        this.log = new JsonLog(log);
    }

    public String table() {
        return table;
    }

    /** The write to add to the transaction of the change that caused {@code event}. */
    public Put put(EventEnvelope event) {
        return Put.builder().tableName(table)
                .item(Map.of(
                        keyAttribute, s(KEY_PREFIX + event.id()),
                        "outbox", s(PENDING),
                        "eventTime", s(eventTime(Instant.parse(event.time()))),
                        "envelope", s(Events.toJson(event))))
                .conditionExpression("attribute_not_exists(#key)")
                .expressionAttributeNames(Map.of("#key", keyAttribute))
                .build();
    }

    static String eventTime(Instant time) {
        return EVENT_TIME.format(time);
    }

    /**
     * Publishes a committed event and removes it from the outbox; false when it stays pending (the
     * publish failed, logged). Never throws for a publish or delete failure: the change that caused
     * the event is committed, and an event left in the outbox is the relay's to publish. A delete
     * that fails after a successful publish is logged and leaves the event to be published again
     * (at least once).
     */
    public boolean flush(EventEnvelope event) {
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            warn("publish failed; the event stays in the outbox for the relay", event, e);
            return false;
        }
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of(keyAttribute, s(KEY_PREFIX + event.id()))));
        } catch (RuntimeException e) {
            warn("published, but not deleted from the outbox; the relay will publish it again", event, e);
        }
        return true;
    }

    /**
     * Publishes the pending events written before {@code cutoff}, oldest first, page by page until
     * none is left, {@code hasTimeLeft} answers false, or {@link #MAX_FAILURES_IN_A_ROW} publishes in
     * a row failed. Younger events are left alone: the producer that wrote them may still be
     * flushing them. An item that is not a readable event is quarantined ({@code outbox =
     * QUARANTINED}, with the reason) so that it blocks nothing behind it.
     */
    public RelayResult relay(Instant cutoff, int pageSize, BooleanSupplier hasTimeLeft) {
        int relayed = 0;
        int failed = 0;
        int quarantined = 0;
        int failuresInARow = 0;
        Instant oldest = null;
        Map<String, AttributeValue> start = null;
        do {
            if (!hasTimeLeft.getAsBoolean()) {
                return new RelayResult(relayed, failed, quarantined, false, oldest);
            }
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(INDEX)
                    .keyConditionExpression("outbox = :pending AND eventTime < :cutoff")
                    .expressionAttributeValues(Map.of(":pending", s(PENDING), ":cutoff", s(eventTime(cutoff))))
                    .scanIndexForward(true)
                    .limit(pageSize)
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                if (oldest == null) {
                    oldest = parseTime(item.get("eventTime"));
                }
                EventEnvelope event;
                try {
                    event = read(item);
                } catch (MalformedEventException e) {
                    if (quarantine(item, e)) {
                        quarantined++;
                    }
                    continue;
                }
                if (flush(event)) {
                    relayed++;
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("outbox", table);
                    line.put("eventId", event.id());
                    line.put("type", event.type());
                    log.info("event relayed", event.correlationIdOrId(), line);
                    failuresInARow = 0;
                } else {
                    failed++;
                    if (++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                        return new RelayResult(relayed, failed, quarantined, false, oldest);
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new RelayResult(relayed, failed, quarantined, true, oldest);
    }

    private static EventEnvelope read(Map<String, AttributeValue> item) {
        AttributeValue envelope = item.get("envelope");
        if (envelope == null || envelope.s() == null) {
            throw new MalformedEventException(java.util.List.of("the outbox item has no string attribute 'envelope'"));
        }
        return Events.parse(envelope.s());
    }

    /** Moves the item off the pending partition; false when it was no longer pending (another run took it). */
    private boolean quarantine(Map<String, AttributeValue> item, MalformedEventException why) {
        AttributeValue key = item.get(keyAttribute);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(keyAttribute, key))
                    .updateExpression("SET outbox = :quarantined, quarantineReason = :why")
                    .conditionExpression("outbox = :pending")
                    .expressionAttributeValues(Map.of(":quarantined", s(QUARANTINED), ":pending", s(PENDING),
                            ":why", s(why.getMessage()))));
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("outbox", table);
        line.put("key", key.s());
        line.put("quarantined", why.getMessage());
        // no readable envelope, so no correlation id of its own: the item's key stands in
        log.error("not a readable event; quarantined", key.s(), line);
        return true;
    }

    private static Instant parseTime(AttributeValue value) {
        try {
            return value == null || value.s() == null ? null : Instant.parse(value.s());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private void warn(String what, EventEnvelope event, RuntimeException e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("outbox", table);
        line.put("eventId", event.id());
        line.put("failure", e.getClass().getSimpleName() + ": " + e.getMessage());
        log.warn(what, event.correlationIdOrId(), line);
    }

    /**
     * What one relay run did on one outbox.
     *
     * @param relayed     published and deleted (or published and left, if the delete failed)
     * @param failed      publishes that failed; the events stay pending
     * @param quarantined items that were not readable events
     * @param complete    false when the run stopped before the last page (time, or failures in a row)
     * @param oldest      the {@code eventTime} of the oldest pending event seen, or null
     */
    public record RelayResult(int relayed, int failed, int quarantined, boolean complete, Instant oldest) {
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
