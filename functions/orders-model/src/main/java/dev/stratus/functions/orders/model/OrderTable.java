package dev.stratus.functions.orders.model;

/**
 * The orders table as the data stack defines it: key {@code orderId}; index
 * {@link #STATUS_INDEX} ({@code status}, {@code createdAt}, keys only) for the expiry job; index
 * {@link #USER_INDEX} ({@code userId}, {@code createdAt}, all attributes) for a user's orders,
 * newest first. {@code createdAt} is written with {@link Timestamps#format}.
 */
public final class OrderTable {
    public static final String STATUS_INDEX = "status-createdAt-index";
    public static final String USER_INDEX = "userId-createdAt-index";

    public static final String ORDER_ID = "orderId";
    public static final String USER_ID = "userId";
    public static final String STATUS = "status";
    public static final String CREATED_AT = "createdAt";

    public static final String PENDING = "PENDING";
    public static final String EXPIRED = "EXPIRED";

    private OrderTable() {
    }
}
