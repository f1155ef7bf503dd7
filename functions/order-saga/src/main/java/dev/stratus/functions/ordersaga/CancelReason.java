package dev.stratus.functions.ordersaga;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reason an order's owner reads for its cancellation, from the saga's {@code failure}: what the
 * business errors say (declined payment, missing stock), and for any other failure only which step
 * failed: an exception's message is for the logs, not for the customer.
 */
final class CancelReason {
    static final int MAX_LENGTH = 300;

    private CancelReason() {
    }

    static String of(JsonNode failure) {
        String error = failure.path("error").path("Error").asText("");
        String step = failure.path("step").asText("a step");
        if (error.equals(PaymentDeclined.class.getName())) {
            return cut("payment declined: " + message(failure));
        }
        if (error.equals(InsufficientStock.class.getName())) {
            return cut("insufficient stock: " + message(failure));
        }
        return "the order could not be processed (" + step + " failed)";
    }

    /** The function's error message: Lambda's error document ({@code errorMessage}) in the cause, or the cause itself. */
    private static String message(JsonNode failure) {
        String cause = failure.path("error").path("Cause").asText("");
        try {
            JsonNode document = SagaInput.JSON.readTree(cause);
            if (document != null && document.path("errorMessage").isTextual()) {
                return document.path("errorMessage").asText();
            }
        } catch (java.io.IOException notJson) {
            // a plain-text cause
        }
        return cause;
    }

    private static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
