package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs in place of a Lambda function (or another task resource): receives the task's input as
 * Step Functions would send it and returns the function's result.
 *
 * <p>To fail the task with a named error, throw {@link TaskError}; any other exception is reported
 * as an unhandled exception of a Java function (error: its class name). To take time on the
 * virtual clock (and so exercise {@code TimeoutSeconds}), call {@link TaskContext#advance}.
 */
@FunctionalInterface
public interface TaskHandler {
    /**
     * @param input the payload: for {@code lambda:invoke}, the {@code Payload} parameter; for a
     *     function ARN, the state's effective input; for an integration, its parameters
     * @return the result (null is JSON null)
     */
    JsonNode handle(JsonNode input, TaskContext context) throws Exception;
}
