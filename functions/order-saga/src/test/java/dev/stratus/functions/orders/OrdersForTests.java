package dev.stratus.functions.orders;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.telemetry.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The orders service's handler for the saga's end-to-end test (its constructor and page tokens are package-private). */
public final class OrdersForTests {
    private OrdersForTests() {
    }

    public static OrdersFunction function(DynamoDbClient dynamo, Map<String, String> env, EventPublisher publisher, LambdaLogger log,
                                          Metrics metrics) {
        return new OrdersFunction(dynamo, env, Instant::now, () -> UUID.randomUUID().toString(), publisher,
                new PageTokens("a page token key of thirty-two bytes or more".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                log, metrics);
    }
}
