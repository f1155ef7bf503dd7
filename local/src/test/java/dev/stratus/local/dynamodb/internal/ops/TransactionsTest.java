package dev.stratus.local.dynamodb.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems and TransactGetItems (API Reference pages of the same names). */
class TransactionsTest {
    @RegisterExtension
    static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create();

    private static DynamoDbClient dynamo;

    @BeforeAll
    static void tables() {
        dynamo = DYNAMO.db().clientBuilder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
        for (String name : List.of("accounts", "ledger")) {
            dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        }
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    static Map<String, AttributeValue> account(String id, long balance) {
        return Map.of("id", AttributeValue.fromS(id), "balance", AttributeValue.fromN(Long.toString(balance)));
    }

    static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    static Map<String, AttributeValue> get(String table, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(id))).item();
        return item.isEmpty() ? null : item;
    }

    @Test
    void writesEveryActionAcrossTablesAtOnce() {
        dynamo.transactWriteItems(b -> b.transactItems(put("accounts", account("t1-a", 10)), put("ledger", account("t1-l", 1)),
                TransactWriteItem.builder().delete(d -> d.tableName("accounts").key(key("t1-missing"))).build()));
        assertEquals("10", get("accounts", "t1-a").get("balance").n());
        assertEquals("1", get("ledger", "t1-l").get("balance").n());
    }

    @Test
    void aFailedConditionCancelsEveryActionAndNamesTheReasonPerAction() {
        dynamo.putItem(b -> b.tableName("accounts").item(account("t2-a", 5)));
        long before = DYNAMO.db().changeCount();
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> dynamo.transactWriteItems(b -> b
                .transactItems(put("ledger", account("t2-l", 1)),
                        TransactWriteItem.builder().update(u -> u.tableName("accounts").key(key("t2-a"))
                                .updateExpression("SET balance = balance - :amount")
                                .conditionExpression("balance >= :amount")
                                .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN("7")))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
        assertEquals(List.of("None", "ConditionalCheckFailed"),
                e.cancellationReasons().stream().map(CancellationReason::code).collect(Collectors.toList()));
        assertEquals("5", e.cancellationReasons().get(1).item().get("balance").n());
        assertEquals("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
                e.awsErrorDetails().errorMessage());
        assertEquals(before, DYNAMO.db().changeCount(), "nothing written");
        assertEquals(null, get("ledger", "t2-l"));
    }

    @Test
    void aConditionCheckGuardsWritesOnOtherItems() {
        dynamo.putItem(b -> b.tableName("accounts").item(account("t3-open", 1)));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("accounts").key(key("t3-open"))
                        .conditionExpression("attribute_exists(id)")).build(),
                put("ledger", account("t3-entry", 1))));
        assertTrue(get("ledger", "t3-entry") != null);
        assertThrows(TransactionCanceledException.class, () -> dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("accounts").key(key("t3-closed"))
                        .conditionExpression("attribute_exists(id)")).build(),
                put("ledger", account("t3-other", 1)))));
        assertEquals(null, get("ledger", "t3-other"));
    }

    @Test
    void refusesTwoActionsOnOneItem() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.transactWriteItems(b -> b.transactItems(
                put("accounts", account("t4", 1)), TransactWriteItem.builder().delete(d -> d.tableName("accounts").key(key("t4"))).build())));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("Transaction request cannot include multiple operations on one item", e.awsErrorDetails().errorMessage());
    }

    @Test
    void refusesMoreThanOneHundredActions() {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            actions.add(put("accounts", account("t5-" + i, i)));
        }
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.transactWriteItems(b -> b.transactItems(actions)));
        assertTrue(e.awsErrorDetails().errorMessage().contains("Member must have length less than or equal to 100"),
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void aRepeatedClientRequestTokenDoesNotWriteTwiceWithinTenMinutes() {
        TransactWriteItem action = TransactWriteItem.builder().update(u -> u.tableName("accounts").key(key("t6"))
                .updateExpression("ADD balance :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build();
        dynamo.transactWriteItems(b -> b.clientRequestToken("token-t6").transactItems(action));
        dynamo.transactWriteItems(b -> b.clientRequestToken("token-t6").transactItems(action));
        assertEquals("1", get("accounts", "t6").get("balance").n());
        IdempotentParameterMismatchException mismatch = assertThrows(IdempotentParameterMismatchException.class,
                () -> dynamo.transactWriteItems(b -> b.clientRequestToken("token-t6").transactItems(put("accounts", account("t6", 9)))));
        assertEquals("IdempotentParameterMismatchException", mismatch.awsErrorDetails().errorCode());
        DYNAMO.db().clock().advance(Duration.ofMinutes(11));
        try {
            dynamo.transactWriteItems(b -> b.clientRequestToken("token-t6").transactItems(action));
        } finally {
            DYNAMO.db().clock().advance(Duration.ofMinutes(-11));
        }
        assertEquals("2", get("accounts", "t6").get("balance").n(), "after ten minutes the token is new again");
    }

    @Test
    void anInjectedConflictCancelsWithTransactionConflictAndWritesNothing() {
        Fault fault = Fault.transactionConflict().on("TransactWriteItems").table("ledger").times(1);
        var injected = DYNAMO.db().faults().inject(fault);
        try {
            TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> dynamo.transactWriteItems(b -> b
                    .transactItems(put("accounts", account("t7-a", 1)), put("ledger", account("t7-l", 1)))));
            assertEquals(List.of("None", "TransactionConflict"),
                    e.cancellationReasons().stream().map(CancellationReason::code).collect(Collectors.toList()));
            assertEquals(null, get("accounts", "t7-a"));
            assertEquals(1, injected.fired());
            dynamo.transactWriteItems(b -> b.transactItems(put("accounts", account("t7-a", 1)), put("ledger", account("t7-l", 1))));
            assertEquals("1", get("accounts", "t7-a").get("balance").n(), "the fault fired once only");
        } finally {
            injected.remove();
        }
    }

    @Test
    void transactGetItemsReadsEveryItemInOrderWithProjections() {
        dynamo.putItem(b -> b.tableName("accounts").item(Map.of("id", AttributeValue.fromS("t8"), "balance", AttributeValue.fromN("3"),
                "owner", AttributeValue.fromS("ann"))));
        TransactGetItemsResponse response = dynamo.transactGetItems(b -> b.transactItems(
                g -> g.get(x -> x.tableName("accounts").key(key("t8")).projectionExpression("#o").expressionAttributeNames(Map.of("#o", "owner"))),
                g -> g.get(x -> x.tableName("ledger").key(key("t8-none")))));
        assertEquals(Map.of("owner", AttributeValue.fromS("ann")), response.responses().get(0).item());
        assertFalse(response.responses().get(1).hasItem() && !response.responses().get(1).item().isEmpty());
        assertEquals(2, response.responses().size());
    }
}
