package dev.stratus.stacks;

import java.util.List;

import dev.stratus.constructs.events.EventDrivenService;
import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.workflow.Workflow;
import dev.stratus.constructs.workflow.WorkflowStep;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.constructs.Construct;

/**
 * The order-fulfilment saga: a {@link Workflow} started by each {@code order.placed} on the app's bus,
 * ProcessOrder → ValidatePayment → UpdateInventory → ConfirmOrder, compensated by CancelOrder,
 * VoidPayment and RestoreInventory in reverse order; its seven functions
 * (functions/order-saga), each granted exactly the table actions it uses.
 */
public class OrderSaga extends Construct {
    static final String HANDLERS = "dev.stratus.functions.ordersaga.OrderSagaFunctions$";
    /** The saga's business errors and its transient one: the exceptions' class names, as Lambda's Java runtime reports them. */
    static final String ORDER_NOT_FOUND = "dev.stratus.functions.ordersaga.OrderNotFound";
    static final String PAYMENT_DECLINED = "dev.stratus.functions.ordersaga.PaymentDeclined";
    static final String INSUFFICIENT_STOCK = "dev.stratus.functions.ordersaga.InsufficientStock";
    static final String TRANSIENT_FAILURE = "dev.stratus.functions.ordersaga.TransientFailure";
    /** The events that start it: the orders service's. */
    static final EventPattern ORDER_PLACED = EventPattern.builder()
            .source(List.of("stratus.orders")).detailType(List.of("order.placed")).build();

    private final Workflow workflow;

    /** @param functionKey the stack's shared function key, or null for a key per function (and one for the workflow) */
    public OrderSaga(Construct scope, String id, AppConfig config, DataStack data, EventDrivenService events, IKey functionKey) {
        super(scope, id);
        String jar = FunctionAssets.jar(config, "order-saga");
        String bus = events.getEventBus().orElseThrow().getEventBusName();

        SecureFunction processOrder = function("ProcessOrder", "Claims a PENDING order for the saga (PROCESSING)", jar, functionKey)
                .environment("ORDERS_TABLE_NAME", data.getOrders().getTableName())
                .build();
        data.getOrders().grantItemActions(processOrder, "dynamodb:UpdateItem");

        SecureFunction cancelOrder = function("CancelOrder", "Cancels the saga's order with the reason and order.cancelled", jar, functionKey)
                .environment("ORDERS_TABLE_NAME", data.getOrders().getTableName())
                .environment("EVENT_BUS_NAME", bus)
                .build();
        SecureFunction confirmOrder = function("ConfirmOrder", "Confirms the saga's order with order.confirmed", jar, functionKey)
                .environment("ORDERS_TABLE_NAME", data.getOrders().getTableName())
                .environment("EVENT_BUS_NAME", bus)
                .build();
        for (SecureFunction statusChange : List.of(cancelOrder, confirmOrder)) {
            data.getOrders().grantItemActions(statusChange, "dynamodb:GetItem", "dynamodb:UpdateItem");
            // PutItem: the event, in the status change's transaction; DeleteItem: the event once published
            OutboxGrants.grantOutboxItemActions(data.getOrders(), statusChange, "dynamodb:PutItem", "dynamodb:DeleteItem");
            events.grantPublish(statusChange);
        }

        SecureFunction validatePayment = function("ValidatePayment", "Authorizes the order total against the user's credit", jar, functionKey)
                .environment("PAYMENTS_TABLE_NAME", data.getPayments().getTableName())
                .build();
        SecureFunction voidPayment = function("VoidPayment", "Voids the order's payment authorization", jar, functionKey)
                .environment("PAYMENTS_TABLE_NAME", data.getPayments().getTableName())
                .build();
        for (SecureFunction payment : List.of(validatePayment, voidPayment)) {
            data.getPayments().grantItemActions(payment, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
        }

        SecureFunction updateInventory = function("UpdateInventory", "Reserves the order's stock in one transaction", jar, functionKey)
                .environment("ORDERS_TABLE_NAME", data.getOrders().getTableName())
                .environment("PRODUCTS_TABLE_NAME", data.getProducts().getTableName())
                .build();
        SecureFunction restoreInventory = function("RestoreInventory", "Puts back the stock the saga reserved", jar, functionKey)
                .environment("ORDERS_TABLE_NAME", data.getOrders().getTableName())
                .environment("PRODUCTS_TABLE_NAME", data.getProducts().getTableName())
                .build();
        for (SecureFunction inventory : List.of(updateInventory, restoreInventory)) {
            data.getOrders().grantItemActions(inventory, "dynamodb:GetItem", "dynamodb:UpdateItem");
            data.getProducts().grantItemActions(inventory, "dynamodb:UpdateItem");
        }

        this.workflow = Workflow.Builder.create(this, "Workflow")
                .comment("Order fulfilment: ProcessOrder, ValidatePayment, UpdateInventory, ConfirmOrder; on a failure the "
                        + "compensations of the steps done run in reverse order")
                .encryptionKey(functionKey)
                .step(WorkflowStep.of("ProcessOrder", processOrder).compensation(cancelOrder)
                        .businessErrors(ORDER_NOT_FOUND).transientErrors(TRANSIENT_FAILURE)
                        // a redelivered order.placed, or an order handled already: nothing to do
                        .endWhen(Condition.booleanEquals(Workflow.resultPath("ProcessOrder") + ".proceed", false)))
                .step(WorkflowStep.of("ValidatePayment", validatePayment).compensation(voidPayment)
                        .businessErrors(PAYMENT_DECLINED).transientErrors(TRANSIENT_FAILURE))
                .step(WorkflowStep.of("UpdateInventory", updateInventory).compensation(restoreInventory)
                        .businessErrors(INSUFFICIENT_STOCK).transientErrors(TRANSIENT_FAILURE))
                .step(WorkflowStep.of("ConfirmOrder", confirmOrder).transientErrors(TRANSIENT_FAILURE))
                .build();
        workflow.startOnEvent(events.getEventBus().orElseThrow(), ORDER_PLACED);
    }

    private SecureFunction.Builder function(String name, String description, String jar, IKey functionKey) {
        return SecureFunction.Builder.create(this, name + "Function")
                .encryptionKey(functionKey)
                .description("Order saga: " + description)
                .handler(HANDLERS + name + "::handleRequest")
                .codePath(jar);
    }

    public Workflow getWorkflow() {
        return workflow;
    }
}
