package dev.stratus.functions.orderstats;

import java.util.List;

/** An item of the orders table that claims to be an order (it has a userId) but cannot be counted. */
public final class MalformedOrderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedOrderException(String orderId, List<String> problems) {
        super("order " + orderId + " cannot be counted: " + String.join("; ", problems));
    }
}
