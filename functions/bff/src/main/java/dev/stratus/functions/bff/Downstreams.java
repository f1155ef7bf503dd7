package dev.stratus.functions.bff;

import java.util.List;
import java.util.Map;

/** What the dashboards need from the domain services; implemented by clients of the real services. */
public final class Downstreams {
    private Downstreams() {
    }

    public record UserView(String id, String name, String avatarUrl, Map<String, String> preferences) {
    }

    public record OrderSummary(String orderId, String status, long totalCents, String createdAt) {
    }

    public record OrderStats(long totalOrders, long totalSpentCents) {
    }

    /** The users service. */
    public interface Users {
        UserView user(String userId);
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
