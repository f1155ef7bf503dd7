package dev.stratus.functions.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.testing.FunctionJar;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * The shaded orders jar, alone in a fresh JVM and configured by environment only, reads its page
 * token key from Secrets Manager (served on loopback) and places an order.
 */
class OrdersFunctionJarIT {
    static final Path JAR = Path.of(System.getProperty("function.jar", "target/function.jar"));
    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:page-token-key-AbCdEf";

    @Test
    void placesAnOrderFromTheDeploymentJar() throws Exception {
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            dynamo.createTable(b -> b.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("orderId"), Tables.stringAttribute("userId"),
                            Tables.stringAttribute("createdAt"))
                    .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(OrderTable.USER_INDEX)
                            .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build(),
                                    KeySchemaElement.builder().attributeName("createdAt").keyType(KeyType.RANGE).build())
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
            dynamo.createTable(b -> b.tableName("products").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("productId"))
                    .keySchema(KeySchemaElement.builder().attributeName("productId").keyType(KeyType.HASH).build()));
            for (String[] p : new String[][] {{"espresso", "250"}, {"croissant", "190"}}) {
                dynamo.putItem(b -> b.tableName("products").item(Map.of("productId", AttributeValue.builder().s(p[0]).build(),
                        "name", AttributeValue.builder().s(p[0]).build(), "priceCents", AttributeValue.builder().n(p[1]).build())));
            }
            // no EventBridge here: a closed local port makes the publish fail; the order.placed event stays in the outbox
            // the page token key: GetSecretValue served on loopback, as Secrets Manager answers it
            List<String> asked = new CopyOnWriteArrayList<>();
            HttpServer secrets = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            secrets.createContext("/", exchange -> {
                asked.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = ("{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"page-token-key\",\"VersionId\":\"v1\","
                        + "\"SecretString\":\"a page token key of thirty-two bytes or more\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            secrets.start();
            Map<String, String> env = Map.of("ORDERS_TABLE_NAME", "orders", "PRODUCTS_TABLE_NAME", "products",
                    "AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString(),
                    "EVENT_BUS_NAME", "stratus-test", "AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:9",
                    "PAGE_TOKEN_SECRET_ARN", SECRET_ARN,
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + secrets.getAddress().getPort());
            String event;
            try (var in = getClass().getResourceAsStream("/events/create-order.json")) {
                event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            FunctionJar.Run run;
            try {
                run = FunctionJar.invoke(JAR, OrdersFunction.class.getName(), env, event);
            } finally {
                secrets.stop(0);
            }
            assertEquals(1, asked.size(), asked.toString());
            assertTrue(asked.get(0).startsWith("secretsmanager.GetSecretValue ") && asked.get(0).contains(SECRET_ARN), asked.toString());
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.response().contains("\"statusCode\":201") && run.response().contains("\\\"totalCents\\\":690"), run.output());
            assertEquals(1, Tables.scanAll(dynamo, "orders", "orderId").stream()
                    .filter(i -> i.get("orderId").s().startsWith("EVENT#")).count(), "the order.placed event waits in the outbox");
        }
    }
}
