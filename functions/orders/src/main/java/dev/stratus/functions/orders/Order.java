package dev.stratus.functions.orders;

import java.util.List;

/**
 * An order as stored and returned. Amounts are whole cents, computed on the server.
 *
 * @param lines      one per product, priced when the order was placed
 * @param totalCents the sum of the lines
 */
public record Order(String orderId, String userId, String status, List<Line> lines, long totalCents, String currency,
                    String createdAt) {

    public record Line(String productId, String name, int quantity, long unitPriceCents, long lineTotalCents) {
    }
}
