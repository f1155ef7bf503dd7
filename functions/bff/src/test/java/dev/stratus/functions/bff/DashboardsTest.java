package dev.stratus.functions.bff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.telemetry.Metrics;
import dev.stratus.functions.testing.TelemetryAssertions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.stratus.functions.bff.Downstreams.OrderStats;
import dev.stratus.functions.bff.Downstreams.OrderSummary;
import dev.stratus.functions.bff.Downstreams.UserView;

/** The dashboards over in-process fake downstreams whose latency and failures the tests set. */
class DashboardsTest {
    static final UserView ADA = new UserView("user-1", "Ada", "https://cdn.example.com/ada.png", Map.of("theme", "dark"));
    static final List<OrderSummary> ORDERS = List.of(
            new OrderSummary("o-3", "PENDING", 690, "2026-11-22T10:00:02.000Z"),
            new OrderSummary("o-2", "PAID", 250, "2026-11-22T10:00:01.000Z"),
            new OrderSummary("o-1", "PAID", 190, "2026-11-22T10:00:00.000Z"));

    static final java.util.function.Supplier<java.util.Optional<UserView>> ADA_VIEW = () -> java.util.Optional.of(ADA);
    static final OrderStats STATS = new OrderStats(3, 1130);
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    final AtomicInteger usersDelay = new AtomicInteger();
    final AtomicInteger ordersDelay = new AtomicInteger();
    final AtomicInteger notificationsDelay = new AtomicInteger();
    final AtomicBoolean ordersDown = new AtomicBoolean();
    final AtomicInteger ordersCalls = new AtomicInteger();
    Dashboards dashboards;
    final List<String> metrics = new java.util.concurrent.CopyOnWriteArrayList<>();

    Dashboards dashboards(Duration timeout, int threshold) {
        dashboards = new Dashboards(
                userId -> {
                    sleep(usersDelay.get());
                    return java.util.Optional.of(ADA);
                },
                new Downstreams.Orders() {
                    public List<OrderSummary> recent(String userId, int count) {
                        ordersCalls.incrementAndGet();
                        sleep(ordersDelay.get());
                        if (ordersDown.get()) {
                            throw software.amazon.awssdk.core.exception.SdkClientException.create("orders is unreachable");
                        }
                        return ORDERS.subList(0, Math.min(count, ORDERS.size()));
                    }

                    public OrderStats stats(String userId) {
                        ordersCalls.incrementAndGet();
                        sleep(ordersDelay.get());
                        if (ordersDown.get()) {
                            throw software.amazon.awssdk.core.exception.SdkClientException.create("orders is unreachable");
                        }
                        return new OrderStats(3, 1130);
                    }
                },
                userId -> {
                    sleep(notificationsDelay.get());
                    return 4;
                },
                new DashboardSettings(timeout, threshold, Duration.ofSeconds(30)), now::get,
                new Metrics(Metrics.NAMESPACE, metrics::add, java.time.Clock.systemUTC()));
        return dashboards;
    }

    @AfterEach
    void close() {
        dashboards.close();
    }

    static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void webDashboardHasUserFiveRecentOrdersPreferencesAndStats() {
        Dashboards.WebDashboard web = dashboards(Duration.ofSeconds(1), 5).web("user-1");
        assertEquals(ADA, web.user());
        assertEquals(ORDERS, web.recentOrders());
        assertEquals(Map.of("theme", "dark"), web.preferences());
        assertEquals(new OrderStats(3, 1130), web.stats());
        assertEquals(List.of(), web.degraded());
    }

    @Test
    void mobileDashboardIsCompactWithThreeOrdersUnreadCountAndQuickActions() {
        Dashboards.MobileDashboard mobile = dashboards(Duration.ofSeconds(1), 5).mobile("user-1");
        assertEquals(new Dashboards.CompactUser("user-1", "Ada", "https://cdn.example.com/ada.png"), mobile.user());
        assertEquals(3, mobile.recentOrders().size());
        assertEquals(4, mobile.unreadNotifications());
        assertEquals(List.of("new-order", "reorder", "track-order", "support"), mobile.quickActions());
        assertEquals(List.of(), mobile.degraded());
    }

    @Test
    void downstreamsAreCalledInParallel() {
        usersDelay.set(300);
        ordersDelay.set(300);
        notificationsDelay.set(300);
        Dashboards d = dashboards(Duration.ofSeconds(2), 5);
        long start = System.nanoTime();
        Dashboards.MobileDashboard mobile = d.mobile("user-1");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(), mobile.degraded());
        // three calls of 300 ms: about 300 ms in parallel, 900 ms one after another
        assertTrue(elapsedMs >= 300 && elapsedMs < 700, "took " + elapsedMs + " ms");
    }

    @Test
    void aSlowDownstreamIsCutOffAtItsTimeoutAndNamedAsDegraded() {
        usersDelay.set(3000);
        Dashboards d = dashboards(Duration.ofMillis(150), 5);
        long start = System.nanoTime();
        Dashboards.WebDashboard web = d.web("user-1");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 1500, "waited " + elapsedMs + " ms for a 150 ms timeout");
        assertNull(web.user());
        assertNull(web.preferences());
        assertEquals(ORDERS, web.recentOrders());
        assertEquals(List.of("user", "preferences"), web.degraded());
    }

    @Test
    void aFailingDownstreamDegradesOnlyItsParts() {
        ordersDown.set(true);
        Dashboards.WebDashboard web = dashboards(Duration.ofSeconds(1), 5).web("user-1");
        assertEquals(ADA, web.user());
        assertEquals(List.of("recentOrders", "stats"), web.degraded());
        Dashboards.MobileDashboard mobile = dashboards.mobile("user-1");
        assertEquals(List.of("new-order", "support"), mobile.quickActions());
        assertEquals(List.of("recentOrders"), mobile.degraded());
    }

    @Test
    void theBreakerStopsCallingAFailingDownstreamAndTriesAgainAfterTheCoolOff() {
        ordersDown.set(true);
        Dashboards d = dashboards(Duration.ofSeconds(1), 2);
        d.web("user-1");                                   // recentOrders and stats fail: the breaker opens
        assertEquals(CircuitBreaker.State.OPEN, d.breakerState("orders"));
        assertEquals(2, ordersCalls.get());
        Dashboards.WebDashboard skipped = d.web("user-1");
        assertEquals(2, ordersCalls.get(), "no call while open");
        assertEquals(List.of("recentOrders", "stats"), skipped.degraded());

        ordersDown.set(false);
        now.set(now.get().plusSeconds(30));
        d.mobile("user-1");                                // one trial call goes through and succeeds
        assertEquals(3, ordersCalls.get());
        assertEquals(CircuitBreaker.State.CLOSED, d.breakerState("orders"));
        assertEquals(List.of(), d.web("user-1").degraded());
    }

    @Test
    void eachDegradedPartAndEachOpenedBreakerIsCountedByPartAndDownstreamOnly() {
        ordersDown.set(true);
        Dashboards d = dashboards(Duration.ofSeconds(1), 2);
        d.web("user-1");       // recentOrders and stats fail: the orders breaker opens
        d.mobile("user-1");    // recentOrders skipped by the open breaker
        List<JsonNode> documents = TelemetryAssertions.emfDocuments(metrics);
        List<String> seen = new java.util.ArrayList<>();
        for (JsonNode document : documents) {
            assertEquals("bff", document.get("Service").asText());
            assertEquals(1, document.size() - 1 - document.at("/_aws/CloudWatchMetrics/0/Dimensions/0").size(), "one metric: " + document);
            for (JsonNode name : document.at("/_aws/CloudWatchMetrics/0/Dimensions/0")) {
                assertTrue(List.of("Service", "Dashboard", "Part", "Downstream").contains(name.asText()), document.toString());
            }
            seen.add(document.has("BreakerOpened") ? "BreakerOpened " + document.get("Downstream").asText()
                    : "DashboardPartDegraded " + document.get("Dashboard").asText() + " " + document.get("Part").asText());
        }
        assertEquals(List.of("BreakerOpened orders", "DashboardPartDegraded web recentOrders", "DashboardPartDegraded web stats",
                "DashboardPartDegraded mobile recentOrders"), seen);
        assertTrue(metrics.stream().noneMatch(m -> m.contains("user-1")), "no user id in a metric");
    }

    @Test
    void aTimedOutCallIsCancelledNotLeftRunning() throws Exception {
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        dashboards = new Dashboards(userId -> ADA_VIEW.get(), new Downstreams.Orders() {
            public List<OrderSummary> recent(String userId, int count) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            public OrderStats stats(String userId) {
                return STATS;
            }
        }, userId -> 0, new DashboardSettings(Duration.ofMillis(150), 5, Duration.ofSeconds(30)), now::get);
        assertEquals(List.of("recentOrders"), dashboards.web("user-1").degraded());
        assertTrue(interrupted.await(1, java.util.concurrent.TimeUnit.SECONDS), "the 5 s call was not cancelled at its 150 ms timeout");
    }

    @Test
    void anAnswerThatIsNotAFaultDoesNotCountAgainstTheBreaker() {
        AtomicInteger calls = new AtomicInteger();
        dashboards = new Dashboards(userId -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("a malformed item, not a downstream fault");
        }, new Downstreams.Orders() {
            public List<OrderSummary> recent(String userId, int count) {
                return ORDERS;
            }

            public OrderStats stats(String userId) {
                return STATS;
            }
        }, userId -> 0, new DashboardSettings(Duration.ofSeconds(1), 2, Duration.ofSeconds(30)), now::get);
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of("user", "preferences"), dashboards.web("user-1").degraded());
        }
        assertEquals(5, calls.get(), "every call went through");
        assertEquals(CircuitBreaker.State.CLOSED, dashboards.breakerState("users"));
    }
}
