package dev.stratus.functions.bff;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the dashboards need from the domain services; implemented by clients of the real services. */
public final class Downstreams {
    private Downstreams() {
    }

    public record UserView(String id, String name, String avatarUrl, Map<String, String> preferences) {
    }

    public record OrderSummary(String orderId, String status, long totalCents, String createdAt) {
    }

    /**
     * A user's order statistics over all their orders, as the order-stats stream processor keeps them.
     *
     * @param ordersByStatus the number of orders per status, statuses without orders left out
     */
    public record OrderStats(long totalOrders, long totalSpentCents, Map<String, Long> ordersByStatus) {
        public OrderStats {
            ordersByStatus = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(ordersByStatus));
        }

        public OrderStats(long totalOrders, long totalSpentCents) {
            this(totalOrders, totalSpentCents, Map.of());
        }
    }

    /** The users service. */
    public interface Users {
        /** The user, or empty when they have no profile yet (an answer, not a failure). */
        Optional<UserView> user(String userId);
    }

    /** The orders service. */
    public interface Orders {
        List<OrderSummary> recent(String userId, int count);

        OrderStats stats(String userId);
    }

    /** The notifications service. */
    public interface Notifications {
        int unread(String userId);
    }
}
