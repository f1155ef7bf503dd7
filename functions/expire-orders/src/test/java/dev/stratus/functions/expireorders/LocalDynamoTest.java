package dev.stratus.functions.expireorders;

import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One local DynamoDB engine per test class, and a fresh orders table for every test. */
abstract class LocalDynamoTest {
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    static DynamoDbClient dynamo;
    private static int tables;

    String table;
    Orders orders;

    @BeforeAll
    static void startDynamoLocal() {
        dynamo = local.client();
    }

    @AfterAll
    static void stopDynamoLocal() {
        dynamo.close();
    }

    @BeforeEach
    void freshOrdersTable() {
        table = "orders-" + (++tables);
        Orders.createOrdersTable(dynamo, table);
        orders = new Orders(dynamo, table);
    }
}
