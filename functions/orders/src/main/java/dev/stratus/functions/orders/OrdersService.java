package dev.stratus.functions.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.stratus.functions.http.ApiException;
import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.orders.model.Timestamps;

/**
 * The orders service's rules, with no Lambda or HTTP types: orders belong to the caller, are priced
 * from the catalog at the moment they are placed, and are listed newest first.
 */
public final class OrdersService {
    static final String CURRENCY = "EUR";
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 50;
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final OrderStore store;
    private final ProductCatalog catalog;
    private final Supplier<Instant> clock;
    private final Supplier<String> ids;

    public OrdersService(OrderStore store, ProductCatalog catalog, Supplier<Instant> clock, Supplier<String> ids) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.ids = ids;
    }

    /** A page of the caller's orders and the token of the next page (null on the last). */
    public record Listing(List<Order> orders, String next) {
    }

    public Order place(String callerId, OrderInput input) {
        input.validate();
        Set<String> productIds = new LinkedHashSet<>();
        input.items().forEach(item -> productIds.add(item.productId()));
        Map<String, Product> products = catalog.find(productIds);
        List<String> unknown = productIds.stream().filter(id -> !products.containsKey(id))
                .map(id -> "product " + id + " does not exist").toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("invalid order", unknown);
        }
        List<Order.Line> lines = new ArrayList<>();
        long total = 0;
        for (OrderInput.Item item : input.items()) {
            Product product = products.get(item.productId());
            long lineTotal = Math.multiplyExact(product.priceCents(), item.quantity());
            lines.add(new Order.Line(product.productId(), product.name(), item.quantity(), product.priceCents(), lineTotal));
            total = Math.addExact(total, lineTotal);
        }
        Order order = new Order(ids.get(), callerId, OrderTable.PENDING, lines, total, CURRENCY, Timestamps.format(clock.get()));
        store.insert(order);
        return order;
    }

    public Order get(String callerId, String orderId) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw ApiException.badRequest("invalid path", "order id must be 1 to 64 letters, digits or '-'");
        }
        Order order = store.find(orderId).orElseThrow(() -> ApiException.notFound("order " + orderId + " does not exist"));
        if (!order.userId().equals(callerId)) {
            throw ApiException.forbidden("you may only read your own orders");
        }
        return order;
    }

    public Listing list(String callerId, String limit, String next) {
        int size = DEFAULT_PAGE;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_PAGE) {
                throw ApiException.badRequest("invalid query", "parameter 'limit' must be a whole number from 1 to " + MAX_PAGE);
            }
        }
        Map<String, String> start = next == null ? null : PageToken.decode(next, callerId);
        OrderStore.Page page = store.listByUser(callerId, size, start);
        return new Listing(page.orders(), page.nextKey() == null ? null : PageToken.encode(page.nextKey()));
    }
}
