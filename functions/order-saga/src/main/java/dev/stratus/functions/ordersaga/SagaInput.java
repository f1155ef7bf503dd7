package dev.stratus.functions.ordersaga;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.stratus.functions.telemetry.CorrelationId;

/**
 * What the Workflow construct sends each step: {@code {"execution": <execution ARN>, "step": <state
 * name>, "state": <the workflow's state>}}. The state is the {@code order.placed} event as EventBridge
 * delivers it (the order id at {@code detail.data.orderId}), with {@code results.<step>} of the steps
 * done and, for a compensation, {@code failure}.
 *
 * @param execution the execution that runs the step: an order is claimed by one
 * @param step      the state's name, for the logs
 * @param orderId   from the event
 * @param state     the whole state
 * @param correlationId the correlation id of the API request that placed the order: the
 *                  {@code order.placed} envelope's {@code detail.correlationId} when well-formed, else the
 *                  execution ARN (an event without one, e.g. published before it existed)
 */
public record SagaInput(String execution, String step, String orderId, JsonNode state, String correlationId) {
    /** Order ids as the orders service writes them. */
    static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** A step's input is the event and a few results: far below this. */
    static final int MAX_BYTES = 256 * 1024;
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /**
     * Reads a step's payload.
     *
     * @throws IllegalArgumentException naming what is missing or wrong: the workflow's wiring is broken,
     *     which no retry mends
     */
    public static SagaInput parse(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new IllegalArgumentException("the step's input is over " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("the step's input is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the step's input must be an object with execution, step and state");
        }
        String execution = root.path("execution").asText("");
        if (!execution.startsWith("arn:")) {
            throw new IllegalArgumentException("the step's input has no execution ARN ('execution')");
        }
        JsonNode state = root.path("state");
        if (!state.isObject()) {
            throw new IllegalArgumentException("the step's input has no state object ('state')");
        }
        JsonNode id = state.path("detail").path("data").path("orderId");
        if (!id.isTextual() || !ORDER_ID.matcher(id.asText()).matches()) {
            throw new IllegalArgumentException("the state has no order id at detail.data.orderId (1 to 64 of A-Z, a-z, 0-9, '-'): " + id);
        }
        JsonNode correlation = state.path("detail").path("correlationId");
        String correlationId = CorrelationId.orElse(correlation.isTextual() ? correlation.asText() : null, execution);
        return new SagaInput(execution, root.path("step").asText(""), id.asText(), state, correlationId);
    }

    /** {@code results.<step>} of the state: what an earlier step returned; missing when it has not run. */
    public JsonNode result(String step) {
        return state.path("results").path(step);
    }

    /** {@code failure} of the state, for a compensation: {@code {"step": ..., "error": {"Error": ..., "Cause": ...}}}. */
    public JsonNode failure() {
        return state.path("failure");
    }
}
