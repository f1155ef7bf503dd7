package dev.stratus.functions.orders.model;

/**
 * The orders table as the data stack defines it: key {@code orderId}; index
 * {@link #STATUS_INDEX} ({@code status}, {@code createdAt}, keys only) for the expiry job; index
 * {@link #USER_INDEX} ({@code userId}, {@code createdAt}, all attributes) for a user's orders,
 * newest first. {@code createdAt} is written with {@link Timestamps#format}. Statuses: PENDING, then
 * EXPIRED (the expiry job) or PROCESSING and CONFIRMED or CANCELLED (the order saga).
 */
public final class OrderTable {
    public static final String STATUS_INDEX = "status-createdAt-index";
    public static final String USER_INDEX = "userId-createdAt-index";

    public static final String ORDER_ID = "orderId";
    public static final String USER_ID = "userId";
    public static final String STATUS = "status";
    public static final String CREATED_AT = "createdAt";

    /** Why an order is CANCELLED, for its owner; absent otherwise. */
    public static final String STATUS_REASON = "statusReason";
    /** The saga execution that claimed the order (PENDING to PROCESSING); its steps act only for it. */
    public static final String SAGA_EXECUTION = "sagaExecution";

    /** Placed, waiting for the order saga (or the expiry job). */
    public static final String PENDING = "PENDING";
    /** Left PENDING too long: the expiry job's. */
    public static final String EXPIRED = "EXPIRED";
    /** Claimed by an execution of the order saga, which is running. */
    public static final String PROCESSING = "PROCESSING";
    /** Paid and its stock reserved: the order saga succeeded. */
    public static final String CONFIRMED = "CONFIRMED";
    /** The order saga failed and undid what it had done; {@link #STATUS_REASON} says why. */
    public static final String CANCELLED = "CANCELLED";

    private OrderTable() {
    }
}
