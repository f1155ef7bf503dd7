package dev.stratus.functions.orders;

/** A product's current price, from the catalog the orders service reads (never from the client). */
public record Product(String productId, String name, long priceCents) {
}
