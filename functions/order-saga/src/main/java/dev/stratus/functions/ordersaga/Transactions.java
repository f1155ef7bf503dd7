package dev.stratus.functions.ordersaga;

import java.util.List;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reading why DynamoDB cancelled a transaction, and which failures a retry may mend. */
final class Transactions {
    private Transactions() {
    }

    /** Whether the {@code index}-th write's condition failed. */
    static boolean conditionFailed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = reasons(e);
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** The indexes of the writes whose condition failed. */
    static List<Integer> failedConditions(TransactionCanceledException e) {
        List<CancellationReason> reasons = reasons(e);
        return java.util.stream.IntStream.range(0, reasons.size())
                .filter(i -> "ConditionalCheckFailed".equals(reasons.get(i).code())).boxed().toList();
    }

    /**
     * A {@link TransientFailure} for a cancellation a retry may mend (a conflicting transaction,
     * throttling, a service error); the exception itself otherwise.
     */
    static RuntimeException transientOrRethrow(TransactionCanceledException e, String what) {
        boolean mendable = reasons(e).stream().map(CancellationReason::code)
                .anyMatch(code -> "TransactionConflict".equals(code) || "ThrottlingError".equals(code)
                        || "ProvisionedThroughputExceeded".equals(code) || "InternalServerError".equals(code));
        return mendable ? new TransientFailure(what + " was cancelled: " + reasons(e).stream().map(CancellationReason::code).toList(), e) : e;
    }

    /** Whether a failure of a DynamoDB or EventBridge call is one a later attempt may not meet. */
    static boolean isTransient(RuntimeException e) {
        if (e instanceof SdkClientException) {
            return true; // timeouts, connection failures
        }
        if (e instanceof AwsServiceException service) {
            return service.retryable() || service.isThrottlingException() || service.statusCode() >= 500;
        }
        return false;
    }

    private static List<CancellationReason> reasons(TransactionCanceledException e) {
        return e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
    }
}
