package dev.stratus.functions.ordersaga;

/**
 * A dependency failed in a way a later attempt may not (throttling, a transaction conflict, a
 * timeout, a 5xx): the workflow retries it with back-off. Step Functions sees it as the error
 * {@code dev.stratus.functions.ordersaga.TransientFailure}.
 */
public final class TransientFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
