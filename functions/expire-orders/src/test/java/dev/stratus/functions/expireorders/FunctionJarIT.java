package dev.stratus.functions.expireorders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.stratus.functions.testing.FunctionJar;

/**
 * The deployment artifact itself: target/function.jar, alone on the class path of a fresh JVM
 * (Java 25, the Lambda runtime, when installed), configured only by environment variables as in
 * Lambda, expires the stale orders in the local DynamoDB engine. Catches what unit tests on target/classes
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
                "AWS_ENDPOINT_URL_DYNAMODB", local.db().endpoint().toString(),
                "ORDERS_TABLE_NAME", table,
                "ORDERS_STATUS_INDEX", Orders.STATUS_INDEX), "{\"maxPendingAge\":\"PT24H\"}");

        assertEquals(0, run.exitCode(), run.java() + " said:\n" + run.output());
        assertTrue(run.response().startsWith("{\"scanned\":1,\"expired\":1,\"skipped\":0,\"complete\":true,"), run.output());
        assertEquals("EXPIRED", orders.status("stale"));
        assertEquals("PENDING", orders.status("fresh"));
        System.out.println("function.jar ran on " + run.java() + " (" + Files.size(JAR) + " bytes)");
    }

    /**
     * With SnapStart, Lambda hands out credentials through the container credentials endpoint, not
     * the AWS_ACCESS_KEY_ID variables; a client pinned to environment credentials fails after restore.
     */
    @Test
    void theShadedJarTakesSnapStartCredentialsFromTheContainerEndpoint() throws Exception {
        orders.put("stale", "PENDING", Instant.now().minus(Duration.ofDays(3)));
        List<String> tokens = new CopyOnWriteArrayList<>();
        HttpServer credentials = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        credentials.createContext("/credentials", exchange -> {
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            // the engine accepts any credentials; these are what the jar must fetch from the endpoint
            byte[] body = ("{\"AccessKeyId\":\"local\",\"SecretAccessKey\":\"local\",\"Token\":\"local\","
                    + "\"Expiration\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        credentials.start();
        FunctionJar.Run run;
        try {
            Path none = Path.of("target", "no-aws-config").toAbsolutePath();
            run = FunctionJar.invoke(JAR, ExpireStaleOrdersHandler.class.getName(), Map.of(
                    "AWS_ENDPOINT_URL_DYNAMODB", local.db().endpoint().toString(),
                    "ORDERS_TABLE_NAME", table,
                    "ORDERS_STATUS_INDEX", Orders.STATUS_INDEX,
                    // what a restored SnapStart environment has instead of access keys
                    "AWS_ACCESS_KEY_ID", "",
                    "AWS_SECRET_ACCESS_KEY", "",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + credentials.getAddress().getPort() + "/credentials",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "snapstart-token",
                    "AWS_SHARED_CREDENTIALS_FILE", none.resolve("credentials").toString(),
                    "AWS_CONFIG_FILE", none.resolve("config").toString()), "{}");
        } finally {
            credentials.stop(0);
        }

        assertEquals(0, run.exitCode(), run.java() + " said:\n" + run.output());
        assertEquals("snapstart-token", tokens.isEmpty() ? "no call to the endpoint" : tokens.get(0), run.output());
        assertEquals("EXPIRED", orders.status("stale"));
    }
}
