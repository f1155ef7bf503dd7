package dev.stratus.functions.bff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.stratus.functions.bff.Downstreams.OrderStats;
import dev.stratus.functions.bff.Downstreams.OrderSummary;
import dev.stratus.functions.bff.Downstreams.UserView;
import dev.stratus.functions.bff.Fanout.Part;
import dev.stratus.functions.telemetry.Metrics;

/**
 * The web and mobile dashboards. Every downstream call starts at once; the answer waits for the
 * slowest (bounded by the call timeout), and whatever could not be read is named in
 * {@code degraded} instead of failing the request; a caller without a profile gets {@code user}
 * null and is not degraded. One circuit breaker per downstream, shared by both dashboards, counting
 * only the downstream's faults ({@link DownstreamFaults}).
 */
public final class Dashboards implements AutoCloseable {
    static final int WEB_RECENT_ORDERS = 5;
    static final int MOBILE_RECENT_ORDERS = 3;

    private final Downstreams.Users users;
    private final Downstreams.Orders orders;
    private final Downstreams.Notifications notifications;
    private final DashboardSettings settings;
    private final CircuitBreaker usersBreaker;
    private final CircuitBreaker ordersBreaker;
    private final CircuitBreaker notificationsBreaker;
    private final Fanout fanout = new Fanout(DownstreamFaults::isFault);
    private final Metrics metrics;

    /** Business metrics, namespace {@link Metrics#NAMESPACE}: a degraded part of an answer, an opened breaker. */
    static final String DEGRADED = "DashboardPartDegraded";
    static final String BREAKER_OPENED = "BreakerOpened";
    static final String SERVICE = "bff";

    /** Without metrics. */
    public Dashboards(Downstreams.Users users, Downstreams.Orders orders, Downstreams.Notifications notifications,
                      DashboardSettings settings, Supplier<Instant> clock) {
        this(users, orders, notifications, settings, clock, new Metrics(Metrics.NAMESPACE, document -> { }, java.time.Clock.systemUTC()));
    }

    /**
     * @param metrics where {@code DashboardPartDegraded} (per {@code Dashboard} and {@code Part}) and
     *                {@code BreakerOpened} (per {@code Downstream}) go, each with {@code Service} = bff
     */
    public Dashboards(Downstreams.Users users, Downstreams.Orders orders, Downstreams.Notifications notifications,
                      DashboardSettings settings, Supplier<Instant> clock, Metrics metrics) {
        this.metrics = metrics;
        this.users = users;
        this.orders = orders;
        this.notifications = notifications;
        this.settings = settings;
        this.usersBreaker = new CircuitBreaker("users", settings.failureThreshold(), settings.coolOff(), clock,
                () -> breakerOpened("users"));
        this.ordersBreaker = new CircuitBreaker("orders", settings.failureThreshold(), settings.coolOff(), clock,
                () -> breakerOpened("orders"));
        this.notificationsBreaker = new CircuitBreaker("notifications", settings.failureThreshold(), settings.coolOff(), clock,
                () -> breakerOpened("notifications"));
    }

    public record WebDashboard(UserView user, List<OrderSummary> recentOrders, Map<String, String> preferences,
                               OrderStats stats, List<String> degraded) {
    }

    public record CompactUser(String id, String name, String avatarUrl) {
    }

    public record MobileDashboard(CompactUser user, List<OrderSummary> recentOrders, Integer unreadNotifications,
                                  List<String> quickActions, List<String> degraded) {
    }

    public WebDashboard web(String userId) {
        CompletableFuture<Part<Optional<UserView>>> user = fanout.call("user", usersBreaker, settings.callTimeout(), () -> users.user(userId));
        CompletableFuture<Part<List<OrderSummary>>> recent = fanout.call("recentOrders", ordersBreaker, settings.callTimeout(),
                () -> orders.recent(userId, WEB_RECENT_ORDERS));
        CompletableFuture<Part<OrderStats>> stats = fanout.call("stats", ordersBreaker, settings.callTimeout(), () -> orders.stats(userId));
        Part<Optional<UserView>> u = user.join();
        Part<List<OrderSummary>> r = recent.join();
        Part<OrderStats> s = stats.join();
        List<String> degraded = new ArrayList<>();
        if (u.degraded()) {
            degraded.add("user");
            degraded.add("preferences");
        }
        addIfDegraded(degraded, r, s);
        count("web", degraded);
        Optional<UserView> view = u.value().flatMap(v -> v);
        return new WebDashboard(view.orElse(null), r.value().orElse(null),
                view.map(UserView::preferences).orElse(null), s.value().orElse(null), List.copyOf(degraded));
    }

    public MobileDashboard mobile(String userId) {
        CompletableFuture<Part<Optional<UserView>>> user = fanout.call("user", usersBreaker, settings.callTimeout(), () -> users.user(userId));
        CompletableFuture<Part<List<OrderSummary>>> recent = fanout.call("recentOrders", ordersBreaker, settings.callTimeout(),
                () -> orders.recent(userId, MOBILE_RECENT_ORDERS));
        CompletableFuture<Part<Integer>> unread = fanout.call("unreadNotifications", notificationsBreaker, settings.callTimeout(),
                () -> notifications.unread(userId));
        Part<Optional<UserView>> u = user.join();
        Part<List<OrderSummary>> r = recent.join();
        Part<Integer> n = unread.join();
        List<String> degraded = new ArrayList<>();
        addIfDegraded(degraded, u, r, n);
        count("mobile", degraded);
        return new MobileDashboard(u.value().flatMap(v -> v).map(v -> new CompactUser(v.id(), v.name(), v.avatarUrl())).orElse(null),
                r.value().orElse(null), n.value().orElse(null), quickActions(r), List.copyOf(degraded));
    }

    /** What the app offers on the home screen; tracking only when there is an order to track. */
    static List<String> quickActions(Part<List<OrderSummary>> recent) {
        List<String> actions = new ArrayList<>(List.of("new-order"));
        recent.value().ifPresent(orders -> {
            if (!orders.isEmpty()) {
                actions.add("reorder");
            }
            if (orders.stream().anyMatch(o -> "PENDING".equals(o.status()))) {
                actions.add("track-order");
            }
        });
        actions.add("support");
        return List.copyOf(actions);
    }

    private static void addIfDegraded(List<String> degraded, Part<?>... parts) {
        for (Part<?> part : parts) {
            if (part.degraded()) {
                degraded.add(part.name());
            }
        }
    }

    /** One document per degraded part: each part is a dimension value of its own. */
    private void count(String dashboard, List<String> degraded) {
        for (String part : degraded) {
            Map<String, String> dimensions = new LinkedHashMap<>();
            dimensions.put("Service", SERVICE);
            dimensions.put("Dashboard", dashboard);
            dimensions.put("Part", part);
            metrics.count(DEGRADED, 1, dimensions);
        }
    }

    private void breakerOpened(String downstream) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Service", SERVICE);
        dimensions.put("Downstream", downstream);
        metrics.count(BREAKER_OPENED, 1, dimensions);
    }

    CircuitBreaker.State breakerState(String downstream) {
        return switch (downstream) {
            case "users" -> usersBreaker.state();
            case "orders" -> ordersBreaker.state();
            default -> notificationsBreaker.state();
        };
    }

    @Override
    public void close() {
        fanout.close();
    }
}
