package dev.stratus.functions.ordersaga;

import java.util.List;

/**
 * A product of the order has less stock than ordered (or no longer exists): a business error of
 * UpdateInventory (not retried, nothing reserved). Step Functions sees it as the error
 * {@code dev.stratus.functions.ordersaga.InsufficientStock}.
 */
public final class InsufficientStock extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> productIds;

    public InsufficientStock(List<String> productIds) {
        super("not enough stock of " + String.join(", ", productIds), null, false, false);
        this.productIds = List.copyOf(productIds);
    }

    /** The products short of stock. */
    public List<String> productIds() {
        return productIds;
    }
}
