package dev.stratus.functions.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.stratus.functions.http.ApiException;
import dev.stratus.functions.http.Json;
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
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
    /** How long an {@code Idempotency-Key} is remembered (the orders table's time to live deletes it later). */
    static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY#";

    private final OrderStore store;
    private final ProductCatalog catalog;
    private final Supplier<Instant> clock;
    private final Supplier<String> ids;
    private final PageTokens pageTokens;

    OrdersService(OrderStore store, ProductCatalog catalog, Supplier<Instant> clock, Supplier<String> ids, PageTokens pageTokens) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.ids = ids;
        this.pageTokens = pageTokens;
    }

    /** A placed order, and whether it is the remembered answer to an earlier request with the same key. */
    public record Placed(Order order, boolean replayed) {
    }

    /** A page of the caller's orders and the token of the next page (null on the last). */
    public record Listing(List<Order> orders, String next) {
    }

    /**
     * Places an order. With an {@code Idempotency-Key} ({@code idempotencyKey} not null) the first
     * placed order is remembered for {@link #IDEMPOTENCY_TTL} and a retry with the same key and body
     * gets that order back instead of a second one; the same key with another body is a 422.
     * {@code correlationId} (the request's) travels in the {@code order.placed} envelope.
     */
    public Placed place(String callerId, OrderInput input, String idempotencyKey, String correlationId) {
        input.validate();
        Instant now = clock.get();
        OrderStore.Idempotency idempotency = idempotencyKey == null ? null : new OrderStore.Idempotency(
                IDEMPOTENCY_PREFIX + sha256(callerId + "\n" + checkKey(idempotencyKey)), sha256(canonical(input)),
                now.plus(IDEMPOTENCY_TTL).getEpochSecond());
        if (idempotency != null) {
            Optional<OrderStore.Remembered> earlier = store.remembered(idempotency, now.getEpochSecond());
            if (earlier.isPresent()) {
                return replay(earlier.get());
            }
        }
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
        Order order = new Order(ids.get(), callerId, OrderTable.PENDING, lines, total, CURRENCY, Timestamps.format(now), null);
        try {
            store.insert(order, idempotency, now.getEpochSecond(), correlationId);
        } catch (OrderStore.KeyTaken raced) {
            return replay(store.remembered(idempotency, now.getEpochSecond()).orElseThrow(
                    () -> ApiException.conflict("a concurrent request used the same Idempotency-Key; retry")));
        }
        return new Placed(order, false);
    }

    private static Placed replay(OrderStore.Remembered earlier) {
        if (!earlier.sameRequest()) {
            throw new ApiException(422, "unprocessable", List.of("the Idempotency-Key was used for another request; "
                    + "send a new key with a new order"));
        }
        return new Placed(earlier.order(), true);
    }

    private static String checkKey(String key) {
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiException.badRequest("invalid header", "header 'Idempotency-Key' must be 1 to 128 printable ASCII characters");
        }
        return key;
    }

    /** The validated body, re-serialized: the same order sent with other spacing is the same request. */
    private static String canonical(OrderInput input) {
        try {
            return Json.MAPPER.writeValueAsString(input);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Order get(String callerId, String orderId) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw ApiException.badRequest("invalid path", "order id must be 1 to 64 letters, digits or '-'");
        }
        // another user's order is answered like a missing one: a 403 would tell that it exists
        return store.find(orderId).filter(order -> order.userId().equals(callerId))
                .orElseThrow(() -> ApiException.notFound("order " + orderId + " does not exist"));
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
        Map<String, String> start = next == null ? null : pageTokens.decode(next, callerId);
        OrderStore.Page page = store.listByUser(callerId, size, start);
        return new Listing(page.orders(), page.nextKey() == null ? null : pageTokens.encode(page.nextKey()));
    }
}
