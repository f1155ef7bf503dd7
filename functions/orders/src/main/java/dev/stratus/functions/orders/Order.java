package dev.stratus.functions.orders;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An order as stored and returned. Amounts are whole cents, computed on the server.
 *
 * @param status       PENDING when placed; the order saga makes it PROCESSING, then CONFIRMED or
 *                     CANCELLED; the expiry job EXPIRED
 * @param lines        one per product, priced when the order was placed
 * @param totalCents   the sum of the lines
 * @param statusReason why a CANCELLED order was cancelled (e.g. {@code payment declined: ...}); absent otherwise
 */
public record Order(String orderId, String userId, String status, List<Line> lines, long totalCents, String currency,
                    String createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) String statusReason) {

    public record Line(String productId, String name, int quantity, long unitPriceCents, long lineTotalCents) {
    }
}
