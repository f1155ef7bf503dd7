package dev.stratus.functions.expireorders;

import dev.stratus.functions.testing.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One DynamoDB Local per test class, and a fresh orders table for every test. */
abstract class LocalDynamoTest {
    static LocalDynamo local;
    static DynamoDbClient dynamo;
    private static int tables;

    String table;
    Orders orders;

    @BeforeAll
    static void startDynamoLocal() {
        local = new LocalDynamo();
        dynamo = local.client();
    }

    @AfterAll
    static void stopDynamoLocal() {
        dynamo.close();
        local.close();
    }

    @BeforeEach
    void freshOrdersTable() {
        table = "orders-" + (++tables);
        Orders.createOrdersTable(dynamo, table);
        orders = new Orders(dynamo, table);
    }
}
