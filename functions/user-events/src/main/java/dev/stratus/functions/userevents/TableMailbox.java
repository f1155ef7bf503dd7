package dev.stratus.functions.userevents;

import java.time.Clock;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes each message to the outgoing-mail table (key {@code messageId}) exactly once, for the mail
 * adapter to send. Not to be confused with the producers' event outbox ({@code Outbox} in
 * events-publisher): this table holds mails, not events.
 */
public final class TableMailbox implements Mailbox {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public TableMailbox(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean send(Message message) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "messageId", s(message.messageId()),
                            "to", s(message.to()),
                            "subject", s(message.subject()),
                            "body", s(message.body()),
                            "status", s("PENDING"),
                            "createdAt", s(clock.instant().toString())))
                    .conditionExpression("attribute_not_exists(messageId)"));
            return true;
        } catch (ConditionalCheckFailedException alreadySent) {
            return false;
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
