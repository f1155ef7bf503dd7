package dev.stratus.functions.bff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stratus.functions.testing.FunctionJar;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The shaded BFF jar in a fresh JVM: the web dashboard answers 200 from the tables. The orders
 * table is absent here, so the orders parts come back degraded — the dashboard still answers.
 */
class DashboardFunctionJarIT {
    static final Path JAR = Path.of(System.getProperty("function.jar", "target/function.jar"));

    @Test
    void webDashboardFromTheDeploymentJar() throws Exception {
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            dynamo.createTable(b -> b.tableName("users").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("pk"))
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            dynamo.putItem(b -> b.tableName("users").item(Map.of("pk", AttributeValue.builder().s("USER#user-123").build(),
                    "id", AttributeValue.builder().s("user-123").build(), "name", AttributeValue.builder().s("Ada").build())));
            // a cold JVM on a loaded build machine can take longer than the default 800 ms for its first
            // SDK call (the parts then all degrade); this test is about the jar, not that deadline
            Map<String, String> env = Map.of("USERS_TABLE_NAME", "users", "ORDERS_TABLE_NAME", "missing-orders", "STATS_TABLE_NAME", "missing-stats",
                    "AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString(), "DASHBOARD_CALL_TIMEOUT_MS", "10000");
            String event;
            try (var in = getClass().getResourceAsStream("/events/web-dashboard.json")) {
                event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            FunctionJar.Run run = FunctionJar.invoke(JAR, DashboardFunctions.Web.class.getName(), env, event);
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.response().contains("\"statusCode\":200"), run.output());
            assertTrue(run.response().contains("\\\"name\\\":\\\"Ada\\\"") && run.response().contains("\\\"degraded\\\":[\\\"recentOrders\\\",\\\"stats\\\"]"),
                    run.output());
        }
    }
}
