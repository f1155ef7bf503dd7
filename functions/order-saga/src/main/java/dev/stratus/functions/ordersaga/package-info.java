/**
 * The order saga's steps, run by the Workflow construct's state machine: ProcessOrder
 * ({@link dev.stratus.functions.ordersaga.OrderLifecycle}), ValidatePayment
 * ({@link dev.stratus.functions.ordersaga.Payments}), UpdateInventory
 * ({@link dev.stratus.functions.ordersaga.Inventory}), ConfirmOrder, and the compensations; the
 * Lambda entry points are in {@link dev.stratus.functions.ordersaga.OrderSagaFunctions}.
 */
package dev.stratus.functions.ordersaga;
