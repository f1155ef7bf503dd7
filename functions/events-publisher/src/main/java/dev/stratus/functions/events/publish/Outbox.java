package dev.stratus.functions.events.publish;

import java.util.Map;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.Events;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A transactional outbox in a producer's own table, so that no event is lost between a committed
 * change and a failed publish: the event is written at {@code EVENT#<id>} (under the table's key
 * attribute) in the same transaction as the change, published right after, and deleted once
 * EventBridge accepted it. An event left behind (the publish failed, or the function stopped)
 * carries {@code outbox = PENDING} and is found through the sparse index {@link #INDEX} by
 * {@link #relayPending}. Delivery is at least once; consumers are idempotent by event id.
 */
public final class Outbox {
    public static final String INDEX = "outbox-index";
    static final String PENDING = "PENDING";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String keyAttribute;
    private final EventPublisher publisher;

    /** An outbox in {@code table}, whose partition key attribute is {@code keyAttribute}. */
    public Outbox(DynamoDbClient dynamo, String table, String keyAttribute, EventPublisher publisher) {
        this.dynamo = dynamo;
        this.table = table;
        this.keyAttribute = keyAttribute;
        this.publisher = publisher;
    }

    /** The write to add to the transaction of the change that caused {@code event}. */
    public Put put(EventEnvelope event) {
        return Put.builder().tableName(table)
                .item(Map.of(
                        keyAttribute, s("EVENT#" + event.id()),
                        "outbox", s(PENDING),
                        "eventTime", s(event.time()),
                        "envelope", s(Events.toJson(event))))
                .conditionExpression("attribute_not_exists(#key)")
                .expressionAttributeNames(Map.of("#key", keyAttribute))
                .build();
    }

    /** Publishes a committed event and removes it from the outbox; false when it stays pending. */
    public boolean flush(EventEnvelope event) {
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            return false;
        }
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(keyAttribute, s("EVENT#" + event.id()))));
        return true;
    }

    /** Publishes up to {@code limit} pending events, oldest first. */
    public RelayResult relayPending(int limit) {
        QueryResponse pending = dynamo.query(b -> b.tableName(table).indexName(INDEX)
                .keyConditionExpression("outbox = :pending")
                .expressionAttributeValues(Map.of(":pending", s(PENDING)))
                .limit(limit));
        int relayed = 0;
        int failed = 0;
        for (Map<String, AttributeValue> item : pending.items()) {
            if (flush(Events.parse(item.get("envelope").s()))) {
                relayed++;
            } else {
                failed++;
            }
        }
        return new RelayResult(relayed, failed);
    }

    /** What one relay run did. */
    public record RelayResult(int relayed, int failed) {
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
