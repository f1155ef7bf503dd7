package dev.stratus.functions.orderstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import dev.stratus.functions.testing.FunctionJar;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import dev.stratus.functions.testing.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The deployment artifact itself: target/function.jar alone in a fresh JVM (Java 25 when installed),
 * configured by environment variables only, applies a stream batch read from the local engine.
 */
class OrderStatsFunctionJarIT {
    static final Path JAR = Path.of(System.getProperty("function.jar", "target/function.jar"));

    @Test
    void theShadedJarHoldsNoTestEngineAndNoApacheOrNettyHttpClient() throws Exception {
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            List<String> unwanted = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/http") || n.startsWith("io/netty") || n.startsWith("dev/stratus/local")
                            || n.startsWith("org/junit"))
                    .limit(3).toList();
            assertEquals(List.of(), unwanted);
            assertTrue(zip.getEntry("dev/stratus/functions/orderstats/OrderStatsFunction.class") != null);
        }
    }

    @Test
    void theShadedJarAppliesAStreamBatchInAFreshJvm() throws Exception {
        try (LocalDynamoDb db = LocalDynamoDb.start(); DynamoDbClient dynamo = db.client()) {
            String arn = dynamo.createTable(b -> b.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("orderId"))
                    .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
                    .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()))
                    .tableDescription().latestStreamArn();
            dynamo.createTable(b -> b.tableName("stats").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("pk"))
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            dynamo.putItem(b -> b.tableName("orders").item(OrderStatsStreamTest.order("o1", "u1", "PENDING", 1250, "2026-11-25")));
            var streams = db.streamsClient();
            String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            String event = new StreamPoller(streams, arn, null, 10, 0).lambdaEvent(streams.getRecords(b -> b.shardIterator(iterator)).records());

            FunctionJar.Run run = FunctionJar.invoke(JAR, OrderStatsFunction.class.getName(), Map.of(
                    "AWS_ENDPOINT_URL_DYNAMODB", db.endpoint().toString(), "STATS_TABLE_NAME", "stats"), event);

            assertEquals(0, run.exitCode(), run.java() + " said:\n" + run.output());
            assertEquals("{\"batchItemFailures\":[]}", run.response().strip(), run.output());
            Map<String, AttributeValue> user = dynamo.getItem(b -> b.tableName("stats")
                    .key(Map.of("pk", AttributeValue.builder().s("USER#u1").build()))).item();
            assertEquals("1250", user.get("revenueCents").n());
        }
    }
}
