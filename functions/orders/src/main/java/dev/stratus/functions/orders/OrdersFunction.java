package dev.stratus.functions.orders;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.stratus.functions.events.publish.EventBridgePublisher;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.http.HttpFunction;
import dev.stratus.functions.http.HttpRequest;
import dev.stratus.functions.http.HttpResponse;
import dev.stratus.functions.http.Json;
import dev.stratus.functions.http.Router;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the orders service: {@code POST /orders}, {@code GET /orders} (the
 * caller's, newest first, {@code ?limit=&next=}), {@code GET /orders/{orderId}}. Bodies up to 8 KB.
 * A placed order is announced as {@code order.placed} on {@code EVENT_BUS_NAME}, through an outbox.
 */
public final class OrdersFunction extends HttpFunction {
    static final int MAX_BODY_BYTES = 8192;

    private final OrdersService orders;
    private final Router router;

    /** Used by Lambda: the client is built once per execution environment. */
    public OrdersFunction() {
        this(DynamoDbClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .region(Region.of(System.getenv("AWS_REGION")))
                        .build(),
                System.getenv(), Instant::now, () -> UUID.randomUUID().toString(), EventBridgePublisher.fromEnvironment(System.getenv()));
    }

    OrdersFunction(DynamoDbClient dynamo, Map<String, String> env, Supplier<Instant> clock, Supplier<String> ids, EventPublisher publisher) {
        String table = required(env, "ORDERS_TABLE_NAME");
        this.orders = new OrdersService(new OrderStore(dynamo, table, new Outbox(dynamo, table, "orderId", publisher)),
                new ProductCatalog(dynamo, required(env, "PRODUCTS_TABLE_NAME")), clock, ids);
        this.router = new Router()
                .on("POST", "/orders", r -> {
                    Order order = orders.place(r.requireCaller(), Json.read(r.body(), OrderInput.class));
                    return HttpResponse.created(order, "/orders/" + order.orderId());
                })
                .on("GET", "/orders", r -> HttpResponse.ok(orders.list(r.requireCaller(), r.query().get("limit"), r.query().get("next"))))
                .on("GET", "/orders/{orderId}", r -> HttpResponse.ok(orders.get(r.requireCaller(), r.pathParameter("orderId"))));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return value;
    }

    @Override
    protected int maxBodyBytes() {
        return MAX_BODY_BYTES;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return router.route(request);
    }
}
