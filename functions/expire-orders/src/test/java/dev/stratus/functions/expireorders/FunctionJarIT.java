package dev.stratus.functions.expireorders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The deployment artifact itself: target/function.jar, alone on the class path of a fresh JVM
 * (Java 25, the Lambda runtime, when installed), configured only by environment variables as in
 * Lambda, expires the stale orders in DynamoDB Local. Catches what unit tests on target/classes
 * cannot: a class or service file lost in shading, a missing HTTP client.
 */
class FunctionJarIT extends LocalDynamoTest {
    static final Path JAR = Path.of(System.getProperty("function.jar", "target/function.jar"));
    static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

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

        String javaBin = Files.isExecutable(JAVA_25) ? JAVA_25.toString() : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path harness = Path.of("target/test-classes");
        ProcessBuilder process = new ProcessBuilder(javaBin, "-cp", JAR + File.pathSeparator + harness,
                JarInvoker.class.getName());
        Map<String, String> env = process.environment();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString());
        env.put("ORDERS_TABLE_NAME", table);
        env.put("ORDERS_STATUS_INDEX", Orders.STATUS_INDEX);
        process.redirectErrorStream(true);
        Process run = process.start();
        run.getOutputStream().write("{\"maxPendingAge\":\"PT24H\"}".getBytes(StandardCharsets.UTF_8));
        run.getOutputStream().close();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the function JVM did not finish within 60 s");
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, run.exitValue(), javaBin + " said:\n" + out);
        assertTrue(out.contains("RESPONSE {\"scanned\":1,\"expired\":1,\"skipped\":0,\"complete\":true,"), out);
        assertEquals("EXPIRED", orders.status("stale"));
        assertEquals("PENDING", orders.status("fresh"));
        System.out.println("function.jar ran on " + javaBin + " (" + Files.size(JAR) + " bytes)");
    }

}
