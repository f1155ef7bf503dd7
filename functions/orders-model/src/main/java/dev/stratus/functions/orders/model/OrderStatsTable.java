package dev.stratus.functions.orders.model;

/**
 * The order statistics table the data stack defines (key {@code pk}, time to live
 * {@link #EXPIRES_AT}), kept by the order-stats stream processor and read by the web dashboard:
 * <ul>
 * <li>{@code USER#<userId>} and {@code DAY#<yyyy-mm-dd>} aggregates: {@link #ORDERS} and
 * {@link #REVENUE_CENTS} over every order counted, and per status {@code orders#<STATUS>} and
 * {@code revenueCents#<STATUS>};</li>
 * <li>{@code ORDER#<orderId>}: what is counted for one order (user, day, status, total), or a
 * tombstone once it is deleted, so that a stream record and the backfill never count an order twice;</li>
 * <li>{@code RECORD#<eventID>}: a stream record applied, written in the same transaction as its
 * aggregate change and expiring after the stream's 24 hours (two days).</li>
 * </ul>
 */
public final class OrderStatsTable {
    public static final String PK = "pk";
    public static final String USER_PREFIX = "USER#";
    public static final String DAY_PREFIX = "DAY#";
    public static final String ORDER_PREFIX = "ORDER#";
    public static final String RECORD_PREFIX = "RECORD#";
    public static final String ORDERS = "orders";
    public static final String REVENUE_CENTS = "revenueCents";
    public static final String EXPIRES_AT = "expiresAt";

    private OrderStatsTable() {
    }

    /** {@code orders#PENDING}: the orders of one status. */
    public static String ordersWithStatus(String status) {
        return ORDERS + "#" + status;
    }

    /** {@code revenueCents#PENDING}: the revenue of the orders of one status. */
    public static String revenueWithStatus(String status) {
        return REVENUE_CENTS + "#" + status;
    }
}
