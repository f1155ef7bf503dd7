package dev.stratus.functions.userevents;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Creates a user's profile with default preferences, once: a redelivered event changes nothing. */
public final class UserProfiles {
    static final Map<String, String> DEFAULT_PREFERENCES = Map.of("language", "en", "theme", "system", "newsletter", "false");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public UserProfiles(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** Returns false when the profile already existed (nothing was written). */
    public boolean create(NewUser user, String eventId) {
        Map<String, AttributeValue> preferences = new LinkedHashMap<>();
        DEFAULT_PREFERENCES.forEach((k, v) -> preferences.put(k, s(v)));
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "userId", s(user.userId()),
                            "displayName", s(user.name()),
                            "preferences", AttributeValue.builder().m(preferences).build(),
                            "createdAt", s(clock.instant().toString()),
                            "createdByEvent", s(eventId)))
                    .conditionExpression("attribute_not_exists(userId)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
