package dev.stratus.functions.ordersaga;

/**
 * The payment was declined: a business error of ValidatePayment (not retried, no authorization to
 * void). Step Functions sees it as the error {@code dev.stratus.functions.ordersaga.PaymentDeclined}.
 */
public final class PaymentDeclined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PaymentDeclined(String reason) {
        super(reason, null, false, false);
    }
}
