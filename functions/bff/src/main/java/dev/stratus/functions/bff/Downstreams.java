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
     * A user's order statistics over at most a fixed number of their newest orders.
     *
     * @param capped true when the user has more orders than were counted
     */
    public record OrderStats(long totalOrders, long totalSpentCents, boolean capped) {
        public OrderStats(long totalOrders, long totalSpentCents) {
            this(totalOrders, totalSpentCents, false);
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
