package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Thrown by a task handler to make the task fail with a named error, as a Lambda function or a
 * service integration reports one: Retry and Catch match {@link #error()} against their
 * {@code ErrorEquals} ({@code States.ALL} and {@code States.TaskFailed} match it too), and a Catch
 * passes {@code {"Error": error, "Cause": cause}} on.
 *
 * <pre>{@code
 * throw new TaskError("PaymentDeclined", "credit limit exceeded");
 * throw TaskError.lambdaServiceException();                       // what LambdaInvoke's default Retry retries
 * throw TaskError.functionError("OutOfStock", "sku-1 has 0 left");  // Cause as a Lambda function error carries it
 * }</pre>
 *
 * Any other exception a handler throws is reported like an unhandled exception of a Java Lambda
 * function: the error is the exception's class name and the cause is Lambda's JSON error document.
 */
public class TaskError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error name Retry and Catch match. */
    private final String error;
    /** The human-readable cause, or null. */
    private final String errorCause;

    /**
     * @param error the error name Retry and Catch match, e.g. {@code PaymentDeclined} (names starting
     *     with {@code States.} are reserved for Step Functions itself)
     * @param cause a human-readable cause, or null
     */
    public TaskError(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause));
        if (error == null || error.isEmpty()) {
            throw new IllegalArgumentException("error must be a non-empty error name, but was " + (error == null ? "null" : "''"));
        }
        this.error = error;
        this.errorCause = cause;
    }

    /** The error name. */
    public String error() {
        return error;
    }

    /** The cause, or null. */
    public String cause() {
        return errorCause;
    }

    /**
     * An error a Lambda function raised, with the cause written as the Lambda service writes it:
     * {@code {"errorMessage": message, "errorType": errorType}} (a Catch can read it back with
     * {@code States.StringToJson($.Cause)}).
     */
    public static TaskError functionError(String errorType, String errorMessage) {
        ObjectNode cause = Json.object();
        cause.put("errorMessage", errorMessage);
        cause.put("errorType", errorType);
        cause.set("stackTrace", Json.array());
        return new TaskError(errorType, Json.write(cause));
    }

    /** {@code Lambda.ServiceException}: a transient Lambda service error (LambdaInvoke retries it by default). */
    public static TaskError lambdaServiceException() {
        return new TaskError("Lambda.ServiceException", "Lambda service exception (simulated by stratus-local)");
    }

    /** {@code Lambda.TooManyRequestsException}: the function was throttled. */
    public static TaskError lambdaThrottled() {
        return new TaskError("Lambda.TooManyRequestsException", "Rate Exceeded. (simulated by stratus-local)");
    }
}
