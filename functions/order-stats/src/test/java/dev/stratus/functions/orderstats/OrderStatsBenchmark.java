package dev.stratus.functions.orderstats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * On demand (not part of the test run): {@code mvn -B -pl functions/order-stats -am test -Dtest=OrderStatsBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. 4,000 inserts and 1,000 status changes through the local engine's stream,
 * batches of 100, handler and engine in one JVM over loopback HTTP: prints the time per 1,000 stream records.
 */
class OrderStatsBenchmark {
    @RegisterExtension
    static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create();

    @Test
    void timePerThousandStreamRecords() {
        var dynamo = DYNAMO.client();
        String arn = dynamo.createTable(b -> b.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("orderId"))
                .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()))
                .tableDescription().latestStreamArn();
        dynamo.createTable(b -> b.tableName("stats").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("pk"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        StreamPoller warmUp = null;
        for (int round = 0; round < 2; round++) {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                var item = OrderStatsStreamTest.order("r" + round + "o" + i, "u" + (i % 50), "PENDING", 100 + i, "2026-11-" + (10 + i % 15));
                writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                if (writes.size() == 25) {
                    List<WriteRequest> batch = List.copyOf(writes);
                    dynamo.batchWriteItem(b -> b.requestItems(Map.of("orders", batch)));
                    writes.clear();
                }
            }
            for (int i = 0; i < 500; i++) {
                int at = i;
                int r = round;
                dynamo.updateItem(b -> b.tableName("orders").key(Map.of("orderId", AttributeValue.builder().s("r" + r + "o" + at).build()))
                        .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.builder().s("EXPIRED").build())));
            }
            StreamPoller poller = warmUp != null ? warmUp : new StreamPoller(DYNAMO.streamsClient(), arn,
                    new OrderStatsFunction(dynamo, Map.of("STATS_TABLE_NAME", "stats")), 100, 3);
            warmUp = poller;
            long start = System.nanoTime();
            int read = poller.drain();
            double ms = (System.nanoTime() - start) / 1e6;
            assertEquals(2_500, read);
            System.out.printf("round %d: %d stream records in %d invocations, %.0f ms: %.0f ms per 1,000 records%n",
                    round, read, poller.invocations, ms, ms * 1000 / read);
        }
    }
}
