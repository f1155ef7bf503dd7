package dev.stratus.functions.bff;

import java.util.concurrent.TimeoutException;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * What counts against a downstream's circuit breaker: faults of the downstream, not answers it
 * gave. A timeout (ours or the SDK's {@code ApiCallTimeoutException}), a client-side failure to
 * reach it ({@link SdkClientException}: connection refused, reset, unreadable answer), throttling
 * and a 5xx are faults. "User not found", a 4xx (a missing table, a validation error) or a
 * malformed item are not: opening the breaker would not help, and would hide the downstream from
 * every caller of this execution environment for the cool-off.
 */
final class DownstreamFaults {
    private DownstreamFaults() {
    }

    static boolean isFault(Throwable failure) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof TimeoutException || t instanceof SdkClientException) {
                return true;
            }
            if (t instanceof SdkServiceException service) {
                return service.isThrottlingException() || service.statusCode() >= 500;
            }
            t = t.getCause();
        }
        return false;
    }
}
