package dev.stratus.functions.bff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.stratus.functions.http.HttpFunction;
import dev.stratus.functions.testing.FakeContext;

/**
 * Not part of the build's tests (surefire runs *Test classes): the warm per-request time of a
 * dashboard call through the Lambda handler, against the local DynamoDB engine in this JVM. Run with
 * {@code mvn -B -pl functions/bff -am test -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the printed lines.
 */
class DashboardBenchmark extends DashboardFunctionsTest {
    static final int WARMUP = 300;
    static final int CALLS = 2000;

    @Test
    void warmWebAndMobileDashboardCalls() throws Exception {
        seed();
        measure("web", new DashboardFunctions.Web(dashboards), "web-dashboard.json");
        measure("mobile", new DashboardFunctions.Mobile(dashboards), "mobile-dashboard.json");
    }

    private void measure(String name, HttpFunction function, String fixture) throws Exception {
        byte[] event;
        try (InputStream in = getClass().getResourceAsStream("/events/" + fixture)) {
            event = in.readAllBytes();
        }
        for (int i = 0; i < WARMUP; i++) {
            call(function, event);
        }
        long[] micros = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            String response = call(function, event);
            micros[i] = (System.nanoTime() - start) / 1_000;
            assertEquals(true, response.contains("\"statusCode\":200"), response);
        }
        Arrays.sort(micros);
        System.out.printf("BENCHMARK %s dashboard, %d warm calls through the handler against the local DynamoDB engine: "
                        + "median %.2f ms, p90 %.2f ms, p99 %.2f ms (at %s)%n", name, CALLS, micros[CALLS / 2] / 1000.0,
                micros[CALLS * 9 / 10] / 1000.0, micros[CALLS * 99 / 100] / 1000.0, Instant.now());
    }

    private static String call(HttpFunction function, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(event), out, new FakeContext(10_000));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

}
