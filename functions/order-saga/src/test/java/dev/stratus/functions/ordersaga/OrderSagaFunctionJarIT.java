package dev.stratus.functions.ordersaga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.testing.FunctionJar;
import dev.stratus.local.dynamodb.LocalDynamoDb;

/** The shaded saga jar in a fresh JVM claims the order of an order.placed event, as Step Functions invokes it. */
class OrderSagaFunctionJarIT {
    static final Path JAR = Path.of(System.getProperty("function.jar", "target/function.jar"));

    @Test
    void processOrderFromTheDeploymentJar() throws Exception {
        try (LocalDynamoDb local = LocalDynamoDb.start()) {
            SagaTables t = new SagaTables(local.client());
            t.order("o-1", "u-1", "espresso", 2);
            ObjectNode payload = OrderSagaFunctionsTest.payload("ProcessOrder", OrderSagaFunctionsTest.event());
            FunctionJar.Run run = FunctionJar.invoke(JAR, OrderSagaFunctions.ProcessOrder.class.getName(),
                    Map.of("ORDERS_TABLE_NAME", t.orders, "AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString()),
                    SagaInput.JSON.writeValueAsString(payload));
            assertEquals(0, run.exitCode(), run.output());
            assertEquals("{\"proceed\":true,\"orderId\":\"o-1\",\"userId\":\"u-1\",\"status\":\"PROCESSING\",\"totalCents\":500,\"currency\":\"EUR\"}",
                    run.response(), run.output());
            assertEquals(OrderTable.PROCESSING, t.status("o-1"));
        }
    }
}
