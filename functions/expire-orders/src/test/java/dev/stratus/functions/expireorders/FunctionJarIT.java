package dev.stratus.functions.expireorders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import dev.stratus.functions.testing.FunctionJar;

/**
 * The deployment artifact itself: target/function.jar, alone on the class path of a fresh JVM
 * (Java 25, the Lambda runtime, when installed), configured only by environment variables as in
 * Lambda, expires the stale orders in DynamoDB Local. Catches what unit tests on target/classes
 * cannot: a class or service file lost in shading, a missing HTTP client.
 */
class FunctionJarIT extends LocalDynamoTest {
    static final Path JAR = Path.of(System.getProperty("function.jar", "target/function.jar"));

    @Test
    void theShadedJarHoldsNoApacheOrNettyHttpClient() throws IOException {
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            List<String> clients = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/http") || n.startsWith("org/apache/hc") || n.startsWith("io/netty"))
                    .limit(3).toList();
            assertEquals(List.of(), clients);
            assertTrue(zip.getEntry("dev/stratus/functions/expireorders/ExpireStaleOrdersHandler.class") != null);
        }
    }

    @Test
    void theShadedJarExpiresStaleOrdersInAFreshJvm() throws Exception {
        Instant now = Instant.now();
        orders.put("stale", "PENDING", now.minus(Duration.ofDays(3)));
        orders.put("fresh", "PENDING", now.minus(Duration.ofMinutes(5)));

        FunctionJar.Run run = FunctionJar.invoke(JAR, ExpireStaleOrdersHandler.class.getName(), Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString(),
                "ORDERS_TABLE_NAME", table,
                "ORDERS_STATUS_INDEX", Orders.STATUS_INDEX), "{\"maxPendingAge\":\"PT24H\"}");

        assertEquals(0, run.exitCode(), run.java() + " said:\n" + run.output());
        assertTrue(run.response().startsWith("{\"scanned\":1,\"expired\":1,\"skipped\":0,\"complete\":true,"), run.output());
        assertEquals("EXPIRED", orders.status("stale"));
        assertEquals("PENDING", orders.status("fresh"));
        System.out.println("function.jar ran on " + run.java() + " (" + Files.size(JAR) + " bytes)");
    }
}
