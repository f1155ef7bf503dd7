package dev.stratus.functions.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import dev.stratus.functions.events.publish.EventBridgePublisher;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.http.HttpFunction;
import dev.stratus.functions.http.HttpRequest;
import dev.stratus.functions.http.HttpResponse;
import dev.stratus.functions.http.Router;
import dev.stratus.functions.telemetry.JsonLog;
import dev.stratus.functions.telemetry.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the orders service: {@code POST /orders}, {@code GET /orders} (the
 * caller's, newest first, {@code ?limit=&next=} with signed page tokens), {@code GET /orders/{orderId}}.
 * JSON bodies up to 8 KB; {@code POST /orders} honours an {@code Idempotency-Key} header.
 * A placed order is announced as {@code order.placed} on {@code EVENT_BUS_NAME}, through an outbox,
 * with the request's correlation id in its envelope; it is logged ({@code order placed}) and counted
 * ({@code OrdersPlaced}, an EMF document on standard output).
 */
public final class OrdersFunction extends HttpFunction {
    static final int MAX_BODY_BYTES = 8192;
    /** The business metric of a placed order (not of an idempotent replay), namespace {@link Metrics#NAMESPACE}. */
    static final String ORDERS_PLACED = "OrdersPlaced";
    static final Map<String, String> DIMENSIONS = Map.of("Service", "orders");

    private final OrdersService orders;
    private final Router router;

    /** On the request path: every DynamoDB call bounded, retries included. */
    static final Timeouts TIMEOUTS = Timeouts.of(Duration.ofSeconds(2), Duration.ofMillis(800));

    /** Used by Lambda: the clients and the page token key are read once per execution environment. */
    public OrdersFunction() {
        this(SdkClients.dynamo(System.getenv(), TIMEOUTS), System.getenv(), Instant::now, () -> UUID.randomUUID().toString(),
                EventBridgePublisher.fromEnvironment(System.getenv()), PageTokenKey.fromSecretsManager(System.getenv()),
                LambdaRuntime.getLogger(), Metrics.toStandardOutput(Metrics.NAMESPACE));
    }

    /** Without metrics (the fuzz tests). */
    OrdersFunction(DynamoDbClient dynamo, Map<String, String> env, Supplier<Instant> clock, Supplier<String> ids, EventPublisher publisher,
                   PageTokens pageTokens, LambdaLogger log) {
        this(dynamo, env, clock, ids, publisher, pageTokens, log, new Metrics(Metrics.NAMESPACE, document -> { }, java.time.Clock.systemUTC()));
    }

    OrdersFunction(DynamoDbClient dynamo, Map<String, String> env, Supplier<Instant> clock, Supplier<String> ids, EventPublisher publisher,
                   PageTokens pageTokens, LambdaLogger log, Metrics metrics) {
        String table = Env.required(env, "ORDERS_TABLE_NAME");
        JsonLog json = new JsonLog(log);
        this.orders = new OrdersService(new OrderStore(dynamo, table, new Outbox(dynamo, table, "orderId", publisher, log)),
                new ProductCatalog(dynamo, Env.required(env, "PRODUCTS_TABLE_NAME")), clock, ids, pageTokens);
        this.router = new Router()
                .on("POST", "/orders", r -> {
                    OrdersService.Placed placed = orders.place(r.requireCaller(), r.jsonBody(OrderInput.class),
                            r.headers().get("idempotency-key"), r.correlationId());
                    Order order = placed.order();
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("orderId", order.orderId());
                    fields.put("totalCents", order.totalCents());
                    fields.put("replayed", placed.replayed());
                    json.info("order placed", r.correlationId(), fields);
                    if (!placed.replayed()) {
                        metrics.count(ORDERS_PLACED, 1, DIMENSIONS);
                    }
                    return placed.replayed()
                            ? new HttpResponse(201, order, Map.of("location", "/orders/" + order.orderId(), "idempotent-replayed", "true"))
                            : HttpResponse.created(order, "/orders/" + order.orderId());
                })
                .on("GET", "/orders", r -> HttpResponse.ok(orders.list(r.requireCaller(), r.query().get("limit"), r.query().get("next"))))
                .on("GET", "/orders/{orderId}", r -> HttpResponse.ok(orders.get(r.requireCaller(), r.pathParameter("orderId"))));
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
