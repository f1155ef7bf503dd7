package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.function.Function;

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

    /**
     * A handler over plain Java types, converted with a default Jackson {@link ObjectMapper}: the
     * input to {@code inputType}, the result to JSON. E.g. wrapping a Lambda handler class:
     * {@code TaskHandler.of(Map.class, event -> handler.handleRequest(event, lambdaContext))}.
     */
    static <I> TaskHandler of(Class<I> inputType, Function<? super I, ?> function) {
        return of(Json.MAPPER, inputType, function);
    }

    /** {@link #of(Class, Function)} with your own mapper (modules, naming strategy, ...). */
    static <I> TaskHandler of(ObjectMapper mapper, Class<I> inputType, Function<? super I, ?> function) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(function, "function");
        return (input, context) -> mapper.valueToTree(function.apply(mapper.convertValue(input, inputType)));
    }
}
