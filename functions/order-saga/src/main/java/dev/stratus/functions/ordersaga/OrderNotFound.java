package dev.stratus.functions.ordersaga;

/**
 * The order of an {@code order.placed} event does not exist: a business error of ProcessOrder (not
 * retried, nothing to compensate). Step Functions sees it as the error
 * {@code dev.stratus.functions.ordersaga.OrderNotFound}.
 */
public final class OrderNotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OrderNotFound(String orderId) {
        super("order " + orderId + " does not exist", null, false, false);
    }
}
