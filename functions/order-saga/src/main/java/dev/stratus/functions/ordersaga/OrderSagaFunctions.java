package dev.stratus.functions.ordersaga;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import dev.stratus.functions.events.publish.EventBridgePublisher;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.telemetry.JsonLog;
import dev.stratus.functions.telemetry.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry points of the order saga, one jar for its seven functions: each parses the step's
 * input ({@link SagaInput}), calls its plain class and answers the result as JSON. Business outcomes
 * are exceptions Step Functions matches by class name ({@link PaymentDeclined},
 * {@link InsufficientStock}, {@link OrderNotFound}); a dependency's transient failure becomes a
 * {@link TransientFailure}, which the workflow retries.
 */
public final class OrderSagaFunctions {
    /** The step whose result the later steps read: the claimed order. */
    public static final String PROCESS_ORDER = "ProcessOrder";
    /** Each call bounded; the workflow retries what times out. */
    static final Timeouts TIMEOUTS = Timeouts.of(Duration.ofSeconds(4), Duration.ofSeconds(1));
    /** Business metrics of ValidatePayment, namespace {@link Metrics#NAMESPACE}, dimension {@code Service}. */
    static final String PAYMENTS_DECLINED = "PaymentsDeclined";
    static final String PAYMENTS_AUTHORIZED = "PaymentsAuthorized";
    static final Map<String, String> DIMENSIONS = Map.of("Service", "order-saga");
    /** Each user's credit limit when {@code CREDIT_LIMIT_CENTS} is not set: 1,000.00. */
    static final long DEFAULT_CREDIT_LIMIT_CENTS = 100_000;

    private OrderSagaFunctions() {
    }

    /**
     * What every step does around its plain class; public, as the Lambda runtime calls handleRequest,
     * declared here, by reflection. Each run is logged as a JSON line with the order's correlation id
     * ({@link SagaInput#correlationId}): {@code step done} (INFO, with the result), or {@code step failed}
     * (WARN for a business outcome, ERROR otherwise) before the exception goes back to Step Functions.
     */
    public abstract static class SagaStep implements RequestStreamHandler {
        @Override
        public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            SagaInput input = SagaInput.parse(in.readNBytes(SagaInput.MAX_BYTES + 1));
            JsonLog log = new JsonLog(context.getLogger());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("step", input.step());
            line.put("orderId", input.orderId());
            line.put("execution", input.execution());
            Map<String, Object> result;
            try {
                result = run(input);
            } catch (RuntimeException e) {
                RuntimeException thrown = Transactions.isTransient(e)
                        ? new TransientFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), e) : e;
                line.put("error", thrown.getClass().getName());
                line.put("cause", thrown.getMessage());
                log.log(isBusinessOutcome(thrown) ? LogLevel.WARN : LogLevel.ERROR, "step failed", input.correlationId(), line);
                throw thrown;
            }
            line.put("result", result);
            log.info("step done", input.correlationId(), line);
            out.write(SagaInput.JSON.writeValueAsBytes(result));
        }

        abstract Map<String, Object> run(SagaInput input);
    }

    static boolean isBusinessOutcome(RuntimeException e) {
        return e instanceof PaymentDeclined || e instanceof InsufficientStock || e instanceof OrderNotFound;
    }

    static DynamoDbClient dynamo() {
        return SdkClients.dynamo(System.getenv(), TIMEOUTS);
    }

    static Outbox outbox(DynamoDbClient dynamo, Map<String, String> env, EventPublisher publisher, LambdaLogger log) {
        return new Outbox(dynamo, Env.required(env, "ORDERS_TABLE_NAME"), "orderId", publisher, log);
    }

    /** ProcessOrder: claims the PENDING order ({@code ORDERS_TABLE_NAME}); {@code proceed: false} for any other. */
    public static final class ProcessOrder extends SagaStep {
        private final OrderLifecycle orders;

        public ProcessOrder() {
            this(dynamo(), System.getenv(), Clock.systemUTC());
        }

        /** For tests and local runs: a client of their own, the environment as a map, a clock. */
        public ProcessOrder(DynamoDbClient dynamo, Map<String, String> env, Clock clock) {
            this.orders = new OrderLifecycle(dynamo, Env.required(env, "ORDERS_TABLE_NAME"), null, clock);
        }

        @Override
        Map<String, Object> run(SagaInput input) {
            OrderLifecycle.Claim claim = orders.process(input.orderId(), input.execution());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("proceed", claim.proceed());
            result.put("orderId", claim.orderId());
            result.put("userId", claim.userId());
            result.put("status", claim.status());
            result.put("totalCents", claim.totalCents());
            result.put("currency", claim.currency());
            return result;
        }
    }

    /** CancelOrder (ProcessOrder's compensation): the order CANCELLED with the reason, and order.cancelled. */
    public static final class CancelOrder extends SagaStep {
        private final OrderLifecycle orders;

        public CancelOrder() {
            this(dynamo(), System.getenv(), Clock.systemUTC(), null, LambdaRuntime.getLogger());
        }

        /** For tests and local runs: a client of their own, the environment as a map, a clock, a publisher (null: EventBridge from EVENT_BUS_NAME) and a logger. */
        public CancelOrder(DynamoDbClient dynamo, Map<String, String> env, Clock clock, EventPublisher publisher, LambdaLogger log) {
            EventPublisher events = publisher != null ? publisher : EventBridgePublisher.fromEnvironment(env);
            this.orders = new OrderLifecycle(dynamo, Env.required(env, "ORDERS_TABLE_NAME"), outbox(dynamo, env, events, log), clock);
        }

        @Override
        Map<String, Object> run(SagaInput input) {
            String reason = CancelReason.of(input.failure());
            boolean cancelled = orders.cancel(input.orderId(), input.execution(), reason, input.failure().path("step").asText(null),
                    input.correlationId());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("cancelled", cancelled);
            result.put("reason", reason);
            return result;
        }
    }

    /** ValidatePayment: authorizes the claimed order's total for its user ({@code PAYMENTS_TABLE_NAME}, {@code CREDIT_LIMIT_CENTS}). */
    public static final class ValidatePayment extends SagaStep {
        private final Payments payments;
        private final Metrics metrics;

        public ValidatePayment() {
            this(dynamo(), System.getenv(), Clock.systemUTC(), Metrics.toStandardOutput(Metrics.NAMESPACE));
        }

        /** For tests and local runs: a client of their own, the environment as a map, a clock. */
        public ValidatePayment(DynamoDbClient dynamo, Map<String, String> env, Clock clock) {
            this(dynamo, env, clock, new Metrics(Metrics.NAMESPACE, document -> { }, clock));
        }

        /** For tests and local runs, with the metrics' destination. */
        public ValidatePayment(DynamoDbClient dynamo, Map<String, String> env, Clock clock, Metrics metrics) {
            this.payments = new Payments(dynamo, Env.required(env, "PAYMENTS_TABLE_NAME"), creditLimit(env), clock);
            this.metrics = metrics;
        }

        @Override
        Map<String, Object> run(SagaInput input) {
            var claim = input.result(PROCESS_ORDER);
            if (!claim.path("userId").isTextual() || !claim.path("totalCents").canConvertToLong()) {
                throw new IllegalArgumentException("the state has no results." + PROCESS_ORDER + " with userId and totalCents");
            }
            Payments.Authorization authorization;
            try {
                authorization = payments.authorize(input.orderId(), claim.path("userId").asText(), claim.path("totalCents").asLong());
            } catch (PaymentDeclined declined) {
                metrics.count(PAYMENTS_DECLINED, 1, DIMENSIONS);
                throw declined;
            }
            metrics.count(PAYMENTS_AUTHORIZED, 1, DIMENSIONS);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("authorizationId", authorization.authorizationId());
            result.put("amountCents", authorization.amountCents());
            return result;
        }
    }

    /** VoidPayment (ValidatePayment's compensation): voids the order's authorization, if any. */
    public static final class VoidPayment extends SagaStep {
        private final Payments payments;

        public VoidPayment() {
            this(dynamo(), System.getenv(), Clock.systemUTC());
        }

        /** For tests and local runs: a client of their own, the environment as a map, a clock. */
        public VoidPayment(DynamoDbClient dynamo, Map<String, String> env, Clock clock) {
            this.payments = new Payments(dynamo, Env.required(env, "PAYMENTS_TABLE_NAME"), creditLimit(env), clock);
        }

        @Override
        Map<String, Object> run(SagaInput input) {
            return Map.of("voided", payments.voidAuthorization(input.orderId()));
        }
    }

    /** UpdateInventory: reserves the order's stock in one transaction ({@code ORDERS_TABLE_NAME}, {@code PRODUCTS_TABLE_NAME}). */
    public static final class UpdateInventory extends SagaStep {
        private final Inventory inventory;

        public UpdateInventory() {
            this(dynamo(), System.getenv(), Clock.systemUTC());
        }

        /** For tests and local runs: a client of their own, the environment as a map, a clock. */
        public UpdateInventory(DynamoDbClient dynamo, Map<String, String> env, Clock clock) {
            this.inventory = new Inventory(dynamo, Env.required(env, "ORDERS_TABLE_NAME"), Env.required(env, "PRODUCTS_TABLE_NAME"), clock);
        }

        @Override
        Map<String, Object> run(SagaInput input) {
            return Map.of("reserved", inventory.reserve(input.orderId(), input.execution()).stream().map(line -> {
                Map<String, Object> reserved = new LinkedHashMap<>();
                reserved.put("productId", line.productId());
                reserved.put("quantity", line.quantity());
                return reserved;
            }).toList());
        }
    }

    /** RestoreInventory (UpdateInventory's compensation): puts back what this execution reserved. */
    public static final class RestoreInventory extends SagaStep {
        private final Inventory inventory;

        public RestoreInventory() {
            this(dynamo(), System.getenv(), Clock.systemUTC());
        }

        /** For tests and local runs: a client of their own, the environment as a map, a clock. */
        public RestoreInventory(DynamoDbClient dynamo, Map<String, String> env, Clock clock) {
            this.inventory = new Inventory(dynamo, Env.required(env, "ORDERS_TABLE_NAME"), Env.required(env, "PRODUCTS_TABLE_NAME"), clock);
        }

        @Override
        Map<String, Object> run(SagaInput input) {
            return Map.of("released", inventory.release(input.orderId(), input.execution()));
        }
    }

    /** ConfirmOrder: the order CONFIRMED, and order.confirmed ({@code ORDERS_TABLE_NAME}, {@code EVENT_BUS_NAME}). */
    public static final class ConfirmOrder extends SagaStep {
        private final OrderLifecycle orders;

        public ConfirmOrder() {
            this(dynamo(), System.getenv(), Clock.systemUTC(), null, LambdaRuntime.getLogger());
        }

        /** For tests and local runs: a client of their own, the environment as a map, a clock, a publisher (null: EventBridge from EVENT_BUS_NAME) and a logger. */
        public ConfirmOrder(DynamoDbClient dynamo, Map<String, String> env, Clock clock, EventPublisher publisher, LambdaLogger log) {
            EventPublisher events = publisher != null ? publisher : EventBridgePublisher.fromEnvironment(env);
            this.orders = new OrderLifecycle(dynamo, Env.required(env, "ORDERS_TABLE_NAME"), outbox(dynamo, env, events, log), clock);
        }

        @Override
        Map<String, Object> run(SagaInput input) {
            return Map.of("confirmed", orders.confirm(input.orderId(), input.execution(), input.correlationId()));
        }
    }

    static long creditLimit(Map<String, String> env) {
        String value = env.get("CREDIT_LIMIT_CENTS");
        if (value == null || value.isBlank()) {
            return DEFAULT_CREDIT_LIMIT_CENTS;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable CREDIT_LIMIT_CENTS must be a whole number of cents, but was '" + value + "'");
        }
    }
}
