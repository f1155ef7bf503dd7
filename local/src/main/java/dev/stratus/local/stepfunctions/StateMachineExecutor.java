package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Runs a {@link StateMachineDefinition} in-process against handlers registered in place of its
 * Lambda functions, on a virtual clock: Wait states, retry back-off and task durations advance the
 * clock and never sleep, so an execution that would take hours in the cloud finishes in
 * milliseconds, with the exact times in its history.
 *
 * <pre>{@code
 * StateMachineExecutor executor = StateMachineExecutor.create(saga)
 *         .lambda("ProcessOrder", (input, ctx) -> orders.process(input))    // logical id or prefix
 *         .lambda("ValidatePayment", input -> { throw new TaskError("PaymentDeclined", "over limit"); });
 * Execution execution = executor.start("{\"orderId\": \"o-1\"}");
 * assertEquals(ExecutionStatus.FAILED, execution.status(), execution::toString);
 * }</pre>
 *
 * <p>Executions run to their end inside {@link #start}, one at a time: the executor is not
 * thread-safe. Parallel branches and Map iterations run one after another, each on its own virtual
 * timeline (a Map honours MaxConcurrency in its timing), so results are deterministic; with the same
 * seed, jitter, {@code States.UUID}, {@code States.MathRandom} and execution names repeat too.
 */
public final class StateMachineExecutor {
    private final StateMachineDefinition definition;
    private final Random random;
    private final Map<String, TaskHandler> lambdas = new LinkedHashMap<>();
    private final Map<String, TaskHandler> integrations = new LinkedHashMap<>();
    private Instant now;

    private StateMachineExecutor(StateMachineDefinition definition, Instant startTime, long seed) {
        this.definition = definition;
        this.now = startTime;
        this.random = new Random(seed);
    }

    /** An executor with the defaults: the clock starts at 2026-01-01T00:00:00Z, seed 0. */
    public static StateMachineExecutor create(StateMachineDefinition definition) {
        return builder(definition).build();
    }

    /**
     * Starts an executor of {@code definition}; register a handler per task resource, then build.
     * @param definition the parsed state machine
     * @return the builder
     */
    public static Builder builder(StateMachineDefinition definition) {
        return new Builder(definition);
    }

    /** Options of an executor. */
    public static final class Builder {
        private final StateMachineDefinition definition;
        private Instant startTime = Defaults.START_TIME;
        private long seed = Defaults.SEED;

        private Builder(StateMachineDefinition definition) {
            this.definition = Objects.requireNonNull(definition, "definition");
        }

        /** Where the virtual clock starts. Default: 2026-01-01T00:00:00Z. */
        public Builder startTime(Instant startTime) {
            this.startTime = Objects.requireNonNull(startTime, "startTime");
            return this;
        }

        /**
         * Seed of the random source behind {@code JitterStrategy: FULL}, {@code States.UUID},
         * unseeded {@code States.MathRandom} and generated execution names. Default: 0.
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Creates the {@link StateMachineExecutor}; invalid props fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range. */
        public StateMachineExecutor build() {
            return new StateMachineExecutor(definition, startTime, seed);
        }
    }

    /**
     * Registers the handler that runs in place of a Lambda function, replacing any handler
     * registered under the same key. A task's function (its {@code FunctionName} parameter for
     * {@code arn:aws:states:::lambda:invoke}, or its {@code Resource}) is matched against the keys:
     * <ol>
     *   <li>for a reference from a template ({@code ${Logical1234}} or {@code ${Logical1234.Arn}}):
     *       the logical id, then, for an alias or version, the logical id of its function; a key
     *       equal to one of them wins, else the longest key that is a prefix of one (CDK appends a
     *       hash, so {@code "ProcessOrder"} matches {@code ProcessOrderLiveAliasA1B2C3D4});</li>
     *   <li>for a literal ARN or name: the whole string, then the function name in the ARN, exactly
     *       or by the longest prefix.</li>
     * </ol>
     * A task whose function has no handler ends {@link #start} with an {@link IllegalStateException}
     * naming it: a missing handler is a mistake in the test, not a task failure to catch.
     *
     * @param function a logical id, a prefix of one, a function name or an ARN
     */
    public StateMachineExecutor lambda(String function, TaskHandler handler) {
        if (function == null || function.isEmpty()) {
            throw new IllegalArgumentException("function must be a logical id, a prefix of one, a function name or an ARN, but was "
                    + (function == null ? "null" : "''"));
        }
        lambdas.put(function, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** {@link #lambda(String, TaskHandler)} for a handler that needs no context. */
    public StateMachineExecutor lambda(String function, Function<JsonNode, JsonNode> handler) {
        Objects.requireNonNull(handler, "handler");
        return lambda(function, (input, context) -> handler.apply(input));
    }

    /**
     * Registers the handler for Task states whose Resource is exactly {@code resource}: a
     * request-response service integration such as {@code arn:aws:states:::events:putEvents}
     * (partition {@code aws}). The handler receives the task's effective parameters and returns
     * what the service would. Definitions with such tasks cannot start until each has a handler.
     *
     * @throws UnsupportedFeatureException for {@code .sync} and {@code .waitForTaskToken} resources
     */
    public StateMachineExecutor integration(String resource, TaskHandler handler) {
        Objects.requireNonNull(resource, "resource");
        Resources.Kind kind = Resources.classify(resource, Map.of());
        if (kind == Resources.Kind.CALLBACK || kind == Resources.Kind.SYNC || kind == Resources.Kind.ACTIVITY) {
            throw new UnsupportedFeatureException("the integration pattern of " + resource);
        }
        if (kind != Resources.Kind.INTEGRATION) {
            throw new IllegalArgumentException("resource " + resource + " is a Lambda function or lambda:invoke: register it with lambda(...)");
        }
        integrations.put(resource, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Starts an execution with a generated name and runs it to its end. */
    public Execution start(String inputJson) {
        return start(Json.parse(Objects.requireNonNull(inputJson, "inputJson")));
    }

    /** Starts an execution with a generated name and runs it to its end. */
    public Execution start(JsonNode input) {
        return start(null, input);
    }

    /**
     * Starts an execution and runs it to its end; the virtual clock then shows its stop time.
     *
     * @param name the execution name (1 to 80 characters, no whitespace), or null for a generated UUID
     * @throws UnsupportedFeatureException if a Task uses an integration without a registered handler
     * @throws IllegalStateException if a Lambda task runs whose function has no handler
     */
    public Execution start(String name, JsonNode input) {
        Objects.requireNonNull(input, "input");
        String executionName = name != null ? name : Json.uuid(random);
        if (executionName.isEmpty() || executionName.length() > 80 || executionName.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("name must have 1 to 80 characters and no whitespace, but was '" + executionName + "'");
        }
        checkIntegrations();
        Interpreter interpreter = new Interpreter(definition, new Handlers(), random, executionName, now);
        Execution execution = interpreter.run(input);
        now = execution.stopDate().isAfter(now) ? execution.stopDate() : now;
        return execution;
    }

    /** The virtual time now: where the next execution starts. */
    public Instant now() {
        return now;
    }

    /** Moves the virtual clock forward, e.g. to start the next execution a day later. */
    public StateMachineExecutor advanceClock(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, but was " + duration);
        }
        now = now.plus(duration);
        return this;
    }

    /** The definition this executor runs. */
    public StateMachineDefinition definition() {
        return definition;
    }

    private void checkIntegrations() {
        List<String> missing = new ArrayList<>();
        for (String state : definition.stateNames()) {
            JsonNode node = definition.state(state);
            if (!"Task".equals(node.path("Type").asText())) {
                continue;
            }
            String resource = node.get("Resource").asText();
            if (Resources.classify(resource, definition.resourceTypes()) == Resources.Kind.INTEGRATION
                    && !integrations.containsKey(resource)) {
                missing.add("the service integration " + resource + " in state '" + state
                        + "' (register a handler with integration(\"" + resource + "\", handler))");
            }
        }
        if (!missing.isEmpty()) {
            throw new UnsupportedFeatureException(missing);
        }
    }

    private final class Handlers implements Interpreter.Handlers {
        @Override
        public TaskHandler lambda(String function, String stateName) {
            Set<String> candidates = new LinkedHashSet<>();
            Matcher reference = TemplateRenderer.PLACEHOLDER.matcher(function);
            while (reference.find()) {
                String id = reference.group(1);
                candidates.add(id);
                for (String target = definition.functionOf(id); target != null && candidates.add(target); ) {
                    target = definition.functionOf(target);
                }
            }
            if (candidates.isEmpty()) {
                candidates.add(function);
                String functionName = Resources.functionName(function);
                if (functionName != null) {
                    candidates.add(functionName);
                }
            }
            for (String candidate : candidates) {
                TaskHandler handler = lambdas.get(candidate);
                if (handler != null) {
                    return handler;
                }
            }
            String best = null;
            for (String candidate : candidates) {
                for (String key : lambdas.keySet()) {
                    if (candidate.startsWith(key) && (best == null || key.length() > best.length())) {
                        best = key;
                    }
                }
            }
            if (best != null) {
                return lambdas.get(best);
            }
            throw new IllegalStateException("No handler is registered for the Lambda function " + function
                    + " that state '" + stateName + "' invokes (looked for " + candidates + ", exactly or by prefix; registered: "
                    + lambdas.keySet() + "). Register one with executor.lambda(\"<logical id or prefix>\", handler)");
        }

        @Override
        public TaskHandler integration(String resource, String stateName) {
            TaskHandler handler = integrations.get(resource);
            if (handler == null) {
                throw new UnsupportedFeatureException("the service integration " + resource + " in state '" + stateName + "'");
            }
            return handler;
        }
    }
}
