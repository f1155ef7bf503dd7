package dev.stratus.functions.orders;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.stratus.functions.http.ApiException;

/**
 * The body of a new order: {@code {"items": [{"productId": "p-1", "quantity": 2}]}}. Prices and
 * totals are never taken from the client; a body that sends them is refused as an unknown field.
 */
public record OrderInput(List<Item> items) {
    static final int MAX_ITEMS = 50;
    static final int MAX_QUANTITY = 100;
    static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public record Item(String productId, Integer quantity) {
    }

    /** Returns this input or throws a 400 listing every problem. */
    public OrderInput validate() {
        List<String> problems = new ArrayList<>();
        if (items == null || items.isEmpty()) {
            problems.add("field 'items' must hold 1 to " + MAX_ITEMS + " items");
        } else {
            if (items.size() > MAX_ITEMS) {
                problems.add("field 'items' may hold at most " + MAX_ITEMS + " items, but has " + items.size());
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                String at = "items[" + i + "]";
                if (item == null) {
                    problems.add(at + " must be an object");
                    continue;
                }
                if (item.productId() == null) {
                    problems.add(at + ".productId is required");
                } else if (!PRODUCT_ID.matcher(item.productId()).matches()) {
                    problems.add(at + ".productId must be 1 to 64 letters, digits, '_' or '-'");
                } else if (!seen.add(item.productId())) {
                    problems.add(at + ": product " + item.productId() + " is listed twice; give one line with the whole quantity");
                }
                if (item.quantity() == null) {
                    problems.add(at + ".quantity is required");
                } else if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                    problems.add(at + ".quantity must be 1 to " + MAX_QUANTITY + ", but was " + item.quantity());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid order", problems);
        }
        return this;
    }
}
