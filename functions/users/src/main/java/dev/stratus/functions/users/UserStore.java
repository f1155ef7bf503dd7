package dev.stratus.functions.users;

import dev.stratus.functions.events.publish.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.http.ApiException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Users in one DynamoDB table keyed by {@code pk}: the user at {@code USER#<id>}, and a lock item
 * per e-mail address at {@code EMAIL#<address, lower-cased>}. Every change writes both in one
 * transaction whose conditions make a second user with the same address impossible, even when
 * two requests race: there is no read-then-write window.
 */
public final class UserStore {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Outbox outbox;

    public UserStore(DynamoDbClient dynamo, String table, Outbox outbox) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
    }

    public Optional<User> find(String id) {
        return stored(id).map(Stored::user);
    }

    /**
     * Creates the user and, in the same transaction, the {@code user.created} event in the outbox,
     * carrying {@code correlationId} (the request's; null: none).
     */
    public User create(String id, UserInput input, String now, String correlationId) {
        User user = new User(id, input.name(), input.email(), input.avatarUrl(), input.preferences(), now, now);
        EventEnvelope created = UserEvents.created(user).withCorrelationId(correlationId);
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(user, 1))
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(lock(id, user.email())).build(),
                TransactWriteItem.builder().put(outbox.put(created)).build());
        write(writes, List.of("user " + id + " already exists", emailTaken(user.email()), "event " + created.id() + " exists"));
        outbox.flush(created);
        return user;
    }

    public User update(String id, UserInput input, String now) {
        Stored current = stored(id).orElseThrow(() -> ApiException.notFound("user " + id + " does not exist"));
        User user = new User(id, input.name(), input.email(), input.avatarUrl(), input.preferences(),
                current.user().createdAt(), now);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(user, current.version() + 1))
                .conditionExpression("version = :version")
                .expressionAttributeValues(Map.of(":version", number(current.version())))
                .build()).build());
        List<String> reasons = new ArrayList<>(List.of(changedMeanwhile(id)));
        if (!emailKey(current.user().email()).equals(emailKey(user.email()))) {
            writes.add(TransactWriteItem.builder().delete(unlock(id, current.user().email())).build());
            writes.add(TransactWriteItem.builder().put(lock(id, user.email())).build());
            reasons.add(changedMeanwhile(id));
            reasons.add(emailTaken(user.email()));
        }
        write(writes, reasons);
        return user;
    }

    public void delete(String id) {
        Stored current = stored(id).orElseThrow(() -> ApiException.notFound("user " + id + " does not exist"));
        write(List.of(
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key("USER#" + id))
                        .conditionExpression("version = :version")
                        .expressionAttributeValues(Map.of(":version", number(current.version()))).build()).build(),
                TransactWriteItem.builder().delete(unlock(id, current.user().email())).build()),
                List.of(changedMeanwhile(id), changedMeanwhile(id)));
    }

    /** Runs the transaction; a failed condition becomes a 409 with the reason given for that write. */
    private void write(List<TransactWriteItem> writes, List<String> reasons) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> cancelled = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            for (int i = 0; i < cancelled.size() && i < reasons.size(); i++) {
                if (CONDITION_FAILED.equals(cancelled.get(i).code())) {
                    throw ApiException.conflict(reasons.get(i));
                }
            }
            // TransactionConflict: another transaction held one of the items at the same moment
            throw ApiException.conflict("a concurrent request changed the same user or e-mail address; retry");
        }
    }

    private Put lock(String id, String email) {
        return Put.builder().tableName(table)
                .item(Map.of("pk", string("EMAIL#" + emailKey(email)), "userId", string(id)))
                .conditionExpression("attribute_not_exists(pk)")
                .build();
    }

    private Delete unlock(String id, String email) {
        return Delete.builder().tableName(table).key(key("EMAIL#" + emailKey(email)))
                .conditionExpression("userId = :id")
                .expressionAttributeValues(Map.of(":id", string(id)))
                .build();
    }

    private Optional<Stored> stored(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key("USER#" + id)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> preferences = new LinkedHashMap<>();
        item.getOrDefault("preferences", AttributeValue.builder().m(Map.of()).build()).m()
                .forEach((k, v) -> preferences.put(k, v.s()));
        AttributeValue avatar = item.get("avatarUrl");
        User user = new User(item.get("id").s(), item.get("name").s(), item.get("email").s(), avatar == null ? null : avatar.s(),
                preferences, item.get("createdAt").s(), item.get("updatedAt").s());
        return Optional.of(new Stored(user, Long.parseLong(item.get("version").n())));
    }

    private static Map<String, AttributeValue> item(User user, long version) {
        Map<String, AttributeValue> preferences = new LinkedHashMap<>();
        user.preferences().forEach((k, v) -> preferences.put(k, string(v)));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", string("USER#" + user.id()));
        item.put("id", string(user.id()));
        item.put("name", string(user.name()));
        item.put("email", string(user.email()));
        if (user.avatarUrl() != null) {
            item.put("avatarUrl", string(user.avatarUrl()));
        }
        item.put("preferences", AttributeValue.builder().m(preferences).build());
        item.put("createdAt", string(user.createdAt()));
        item.put("updatedAt", string(user.updatedAt()));
        item.put("version", number(version));
        return item;
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private static String emailTaken(String email) {
        return "e-mail address " + email + " is already in use";
    }

    private static String changedMeanwhile(String id) {
        return "user " + id + " was changed by another request meanwhile; read it again and retry";
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", string(pk));
    }

    private static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    private record Stored(User user, long version) {
    }
}
