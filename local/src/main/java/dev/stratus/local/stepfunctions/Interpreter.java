package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Runs one execution to its end on virtual time. Data flow follows the specification's "Input and
 * Output Processing": InputPath, then Parameters (the effective input), the state's work, then
 * ResultSelector, ResultPath (into the raw input) and OutputPath. Retriers and catchers are applied
 * as the Developer Guide's "Error handling" describes.
 */
final class Interpreter {
    private static final String PREFIX = "An error occurred while executing the state '";

    private final StateMachineDefinition definition;
    private final Handlers handlers;
    private final Random random;
    private final String name;
    private final String executionArn;
    private final String stateMachineArn;
    private final Instant startTime;
    private final Instant deadline;
    private final List<HistoryEvent> history = new ArrayList<>();
    private JsonNode executionInput;

    /** Finds the handler for a task; throws if none is registered (a test set-up error, not a task failure). */
    interface Handlers {
        TaskHandler lambda(String function, String stateName);

        TaskHandler integration(String resource, String stateName);
    }

    Interpreter(StateMachineDefinition definition, Handlers handlers, Random random, String name, Instant startTime) {
        this.definition = definition;
        this.handlers = handlers;
        this.random = random;
        this.name = name;
        this.startTime = startTime;
        String arnPrefix = "arn:" + Defaults.PARTITION + ":states:" + Defaults.REGION + ":" + Defaults.ACCOUNT_ID + ":";
        this.stateMachineArn = arnPrefix + "stateMachine:" + definition.name();
        boolean express = definition.type() == StateMachineDefinition.Type.EXPRESS;
        this.executionArn = arnPrefix + (express ? "express:" : "execution:") + definition.name() + ":" + name;
        Duration max = express ? Defaults.EXPRESS_MAX_DURATION : Defaults.STANDARD_MAX_DURATION;
        Duration limit = definition.timeout().filter(t -> t.compareTo(max) < 0).orElse(max);
        this.deadline = startTime.plus(limit);
    }

    /** A line of execution with its own virtual time: the execution, a branch, a Map iteration. */
    private final class Timeline {
        private Instant now;
        private long lastEventId;

        Timeline(Instant now, long lastEventId) {
            this.now = now;
            this.lastEventId = lastEventId;
        }

        Timeline fork(Instant at) {
            return new Timeline(at, lastEventId);
        }

        void advance(Duration by) {
            advanceTo(now.plus(by));
        }

        void advanceTo(Instant at) {
            if (at.isAfter(deadline)) {
                now = deadline;
                throw new TimedOut();
            }
            if (at.isAfter(now)) {
                now = at;
            }
        }
    }

    /** The execution's TimeoutSeconds passed. */
    private static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimedOut() {
            super(null, null, false, false);
        }
    }

    /** Where a state sends the execution next (null: its scope ends) and with what. */
    private record Step(String next, JsonNode output) {
    }

    Execution run(JsonNode input) {
        executionInput = Json.copy(input);
        Timeline main = new Timeline(startTime, 0);
        ObjectNode started = Json.object();
        started.put("input", Json.write(input));
        started.put("roleArn", Defaults.ROLE_ARN);
        event(main, "ExecutionStarted", started);
        try {
            JsonNode output = runScope(definition.root(), Json.copy(input), main);
            ObjectNode details = Json.object();
            details.put("output", Json.write(output));
            event(main, "ExecutionSucceeded", details);
            return finish(ExecutionStatus.SUCCEEDED, output, null, null, main);
        } catch (StatesFailure failure) {
            ObjectNode details = errorDetails(failure.error(), failure.errorCause());
            event(main, "ExecutionFailed", details);
            return finish(ExecutionStatus.FAILED, null, failure.error(), failure.errorCause(), main);
        } catch (TimedOut timedOut) {
            main.now = deadline;
            String cause = "The execution ran longer than its timeout of "
                    + Duration.between(startTime, deadline).toSeconds() + " seconds";
            event(main, "ExecutionTimedOut", errorDetails("States.Timeout", cause));
            return finish(ExecutionStatus.TIMED_OUT, null, "States.Timeout", cause, main);
        }
    }

    private Execution finish(ExecutionStatus status, JsonNode output, String error, String cause, Timeline main) {
        Instant stop = history.stream().map(HistoryEvent::timestamp).max(Instant::compareTo).orElse(startTime);
        return new Execution(name, executionArn, status, executionInput, output, error, cause, startTime,
                stop.isAfter(main.now) ? stop : main.now, history);
    }

    private long event(Timeline timeline, String type, ObjectNode details) {
        boolean last = type.startsWith("Execution") && !type.equals("ExecutionStarted");
        if (history.size() >= Defaults.MAX_HISTORY_EVENTS && !last) {
            throw StatesFailure.runtime("The execution reached the limit of " + Defaults.MAX_HISTORY_EVENTS
                    + " history events (a Step Functions quota)");
        }
        long id = history.size() + 1L;
        history.add(new HistoryEvent(id, timeline.lastEventId, timeline.now, type, details));
        timeline.lastEventId = id;
        return id;
    }

    private static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }

    private ObjectNode stateDetails(String stateName, String field, JsonNode data) {
        String json = Json.write(data);
        if (json.getBytes(StandardCharsets.UTF_8).length > Defaults.MAX_PAYLOAD_BYTES) {
            throw new StatesFailure("States.DataLimitExceeded", "The state/task '" + stateName + "' "
                    + (field.equals("input") ? "input" : "output") + " is larger than the " + Defaults.MAX_PAYLOAD_BYTES
                    + " bytes Step Functions allows", true);
        }
        ObjectNode details = Json.object();
        details.put("name", stateName);
        details.put(field, json);
        return details;
    }

    private JsonNode context(String stateName, Instant entered, int retryCount) {
        ObjectNode context = Json.object();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", executionArn);
        execution.set("Input", Json.copy(executionInput));
        execution.put("Name", name);
        execution.put("RoleArn", Defaults.ROLE_ARN);
        execution.put("StartTime", Json.format(startTime));
        execution.put("RedriveCount", 0);
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", Json.format(entered));
        state.put("Name", stateName);
        state.put("RetryCount", retryCount);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", stateMachineArn);
        machine.put("Name", definition.name());
        return context;
    }

    // ---------------------------------------------------------------- scopes and states

    private JsonNode runScope(JsonNode scope, JsonNode input, Timeline timeline) {
        String current = scope.get("StartAt").asText();
        JsonNode data = input;
        while (true) {
            Step step = runState(current, definition.state(current), data, timeline);
            if (step.next() == null) {
                return step.output();
            }
            current = step.next();
            data = step.output();
        }
    }

    private Step runState(String stateName, JsonNode state, JsonNode raw, Timeline timeline) {
        String type = state.get("Type").asText();
        Instant entered = timeline.now;
        long enteredId = event(timeline, type + "StateEntered", stateDetails(stateName, "input", raw));
        try {
            return switch (type) {
                case "Pass" -> pass(stateName, state, raw, entered, timeline);
                case "Task", "Parallel", "Map" -> withRetries(stateName, type, state, raw, entered, timeline);
                case "Choice" -> choice(stateName, state, raw, entered, timeline);
                case "Wait" -> waitState(stateName, state, raw, entered, timeline);
                case "Succeed" -> {
                    JsonNode context = context(stateName, entered, 0);
                    JsonNode output = outputPath(state, inputPath(state, raw, context), context);
                    yield exit(stateName, type, null, output, timeline);
                }
                case "Fail" -> throw fail(stateName, state, raw, entered);
                default -> throw new IllegalStateException("unvalidated state type " + type);
            };
        } catch (StatesFailure failure) {
            if (failure.terminal() && failure.errorCause() != null && !failure.errorCause().startsWith(PREFIX)) {
                throw new StatesFailure(failure.error(), PREFIX + stateName + "' (entered at the event id #" + enteredId
                        + "). " + failure.errorCause(), true);
            }
            throw failure;
        }
    }

    private Step exit(String stateName, String type, String next, JsonNode output, Timeline timeline) {
        event(timeline, type + "StateExited", stateDetails(stateName, "output", output));
        return new Step(next, output);
    }

    private static String next(JsonNode state) {
        return state.path("End").asBoolean(false) ? null : state.get("Next").asText();
    }

    private Step pass(String stateName, JsonNode state, JsonNode raw, Instant entered, Timeline timeline) {
        JsonNode context = context(stateName, entered, 0);
        JsonNode effective = inputPath(state, raw, context);
        if (state.has("Parameters")) {
            effective = PayloadTemplates.apply(state.get("Parameters"), effective, context, random);
        }
        JsonNode result = state.has("Result") ? Json.copy(state.get("Result")) : effective;
        JsonNode output = outputPath(state, resultPath(state.get("ResultPath"), state.has("ResultPath"), raw, result), context);
        return exit(stateName, "Pass", next(state), output, timeline);
    }

    private Step choice(String stateName, JsonNode state, JsonNode raw, Instant entered, Timeline timeline) {
        JsonNode context = context(stateName, entered, 0);
        JsonNode effective = inputPath(state, raw, context);
        String next = null;
        for (JsonNode rule : state.get("Choices")) {
            if (ChoiceRules.matches(rule, effective, context)) {
                next = rule.get("Next").asText();
                break;
            }
        }
        if (next == null) {
            if (!state.has("Default")) {
                throw StatesFailure.of("States.NoChoiceMatched", "No Choice Rule of state '" + stateName
                        + "' matched the input, and the state has no Default");
            }
            next = state.get("Default").asText();
        }
        return exit(stateName, "Choice", next, outputPath(state, effective, context), timeline);
    }

    private Step waitState(String stateName, JsonNode state, JsonNode raw, Instant entered, Timeline timeline) {
        JsonNode context = context(stateName, entered, 0);
        JsonNode effective = inputPath(state, raw, context);
        Instant until;
        if (state.has("Seconds")) {
            until = timeline.now.plusSeconds(state.get("Seconds").asLong());
        } else if (state.has("Timestamp")) {
            until = Json.parseTimestamp(state.get("Timestamp").asText()).orElseThrow();
        } else if (state.has("SecondsPath")) {
            String path = state.get("SecondsPath").asText();
            JsonNode seconds = read(path, effective, context, "SecondsPath");
            long value = Json.integral(seconds).filter(s -> s >= 0).orElseThrow(() -> StatesFailure.runtime(
                    "The SecondsPath parameter does not reference a valid non-negative integer value: " + Json.write(seconds)));
            until = timeline.now.plusSeconds(value);
        } else {
            String path = state.get("TimestampPath").asText();
            JsonNode timestamp = read(path, effective, context, "TimestampPath");
            until = (timestamp.isTextual() ? Json.parseTimestamp(timestamp.asText()) : Optional.<Instant>empty())
                    .orElseThrow(() -> StatesFailure.runtime("The TimestampPath parameter does not reference a valid "
                            + "ISO-8601 extended offset date-time format string: " + Json.write(timestamp)));
        }
        timeline.advanceTo(until);
        return exit(stateName, "Wait", next(state), outputPath(state, effective, context), timeline);
    }

    private StatesFailure fail(String stateName, JsonNode state, JsonNode raw, Instant entered) {
        JsonNode context = context(stateName, entered, 0);
        String error = state.has("Error") ? state.get("Error").asText() : failField(state, "ErrorPath", raw, context);
        String cause = state.has("Cause") ? state.get("Cause").asText() : failField(state, "CausePath", raw, context);
        return StatesFailure.of(error, cause);
    }

    private String failField(JsonNode state, String field, JsonNode raw, JsonNode context) {
        if (!state.has(field)) {
            return null;
        }
        JsonNode value = PayloadTemplates.dynamic(state.get(field).asText(), "field '" + field + "'", raw, context, random);
        if (!value.isTextual()) {
            throw StatesFailure.runtime("The " + field + " '" + state.get(field).asText() + "' must select a string, but selected "
                    + Json.write(value));
        }
        return value.asText();
    }

    // ---------------------------------------------------------------- Task, Parallel, Map with Retry and Catch

    private Step withRetries(String stateName, String type, JsonNode state, JsonNode raw, Instant entered, Timeline timeline) {
        JsonNode effective = inputPath(state, raw, context(stateName, entered, 0));
        JsonNode retriers = state.path("Retry");
        int[] attempts = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            JsonNode context = context(stateName, entered, retryCount);
            JsonNode result;
            try {
                result = switch (type) {
                    case "Task" -> task(stateName, state, effective, context, retryCount, timeline);
                    case "Parallel" -> parallel(stateName, state, effective, context, timeline);
                    default -> map(stateName, state, effective, context, timeline);
                };
            } catch (StatesFailure failure) {
                if (failure.terminal()) {
                    throw failure;
                }
                Optional<Duration> delay = retryDelay(retriers, attempts, failure.error());
                if (delay.isPresent()) {
                    timeline.advance(delay.get());
                    retryCount++;
                    continue;
                }
                for (JsonNode catcher : state.path("Catch")) {
                    if (matches(catcher.get("ErrorEquals"), failure.error())) {
                        ObjectNode errorOutput = Json.object();
                        errorOutput.put("Error", failure.error());
                        if (failure.errorCause() != null) {
                            errorOutput.put("Cause", failure.errorCause());
                        }
                        JsonNode output = resultPath(catcher.get("ResultPath"), catcher.has("ResultPath"), raw, errorOutput);
                        return exit(stateName, type, catcher.get("Next").asText(), output, timeline);
                    }
                }
                throw failure;
            }
            if (state.has("ResultSelector")) {
                result = PayloadTemplates.apply(state.get("ResultSelector"), result, context, random);
            }
            JsonNode output = outputPath(state, resultPath(state.get("ResultPath"), state.has("ResultPath"), raw, result), context);
            return exit(stateName, type, next(state), output, timeline);
        }
    }

    /** The delay before the next attempt, or empty when no retrier matches or the matching one is spent. */
    private Optional<Duration> retryDelay(JsonNode retriers, int[] attempts, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            JsonNode retrier = retriers.get(i);
            if (!matches(retrier.get("ErrorEquals"), error)) {
                continue;
            }
            // The first retrier whose ErrorEquals matches decides; a spent one ends the retries.
            if (attempts[i] >= retrier.path("MaxAttempts").asLong(3)) {
                return Optional.empty();
            }
            double seconds = retrier.path("IntervalSeconds").asLong(1)
                    * Math.pow(retrier.path("BackoffRate").asDouble(2.0), attempts[i]);
            if (retrier.has("MaxDelaySeconds")) {
                seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asLong());
            }
            if ("FULL".equals(retrier.path("JitterStrategy").asText())) {
                seconds = random.nextDouble() * seconds;
            }
            attempts[i]++;
            return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
        }
        return Optional.empty();
    }

    /**
     * {@code States.ALL} matches every error a retrier or catcher can see; {@code States.TaskFailed}
     * every one but {@code States.Timeout}; other names match exactly.
     */
    private static boolean matches(JsonNode errorEquals, String error) {
        for (JsonNode name : errorEquals) {
            String wanted = name.asText();
            if (wanted.equals("States.ALL")
                    || wanted.equals("States.TaskFailed") && !"States.Timeout".equals(error)
                    || wanted.equals(error)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode task(String stateName, JsonNode state, JsonNode effective, JsonNode context, int retryCount,
            Timeline timeline) {
        JsonNode payload = state.has("Parameters")
                ? PayloadTemplates.apply(state.get("Parameters"), effective, context, random) : effective;
        String resource = state.get("Resource").asText();
        Long timeout = taskTimeout(state, effective, context);
        Resources.Kind kind = Resources.classify(resource, definition.resourceTypes());
        switch (kind) {
            case LAMBDA_INVOKE -> {
                JsonNode function = payload.get("FunctionName");
                if (function == null || !function.isTextual()) {
                    throw StatesFailure.runtime("The Parameters of lambda:invoke must give FunctionName as a string, but gave "
                            + (function == null ? "none" : Json.write(function)));
                }
                TaskHandler handler = handlers.lambda(function.asText(), stateName);
                JsonNode input = payload.has("Payload") ? payload.get("Payload") : Json.object();
                JsonNode result = invoke(handler, stateName, input, context, retryCount, timeline, timeout,
                        "Task", "lambda", "invoke", payload);
                ObjectNode response = Json.object();
                response.put("ExecutedVersion", "$LATEST");
                response.set("Payload", result);
                ObjectNode http = response.putObject("SdkHttpMetadata");
                ObjectNode headers = http.putObject("HttpHeaders");
                headers.put("Content-Type", "application/json");
                headers.put("X-Amz-Executed-Version", "$LATEST");
                http.put("HttpStatusCode", 200);
                response.putObject("SdkResponseMetadata").put("RequestId", uuid());
                response.put("StatusCode", 200);
                return response;
            }
            case LAMBDA_FUNCTION -> {
                TaskHandler handler = handlers.lambda(resource, stateName);
                return invoke(handler, stateName, payload, context, retryCount, timeline, timeout, "LambdaFunction",
                        null, resource, payload);
            }
            case INTEGRATION -> {
                String[] service = Resources.serviceAndAction(resource);
                return invoke(handlers.integration(resource, stateName), stateName, payload, context, retryCount, timeline, timeout,
                        "Task", service[0], service[1], payload);
            }
            default -> throw new UnsupportedFeatureException("Resource " + resource + " in state '" + stateName + "'");
        }
    }

    private Long taskTimeout(JsonNode state, JsonNode effective, JsonNode context) {
        if (state.has("TimeoutSeconds")) {
            return state.get("TimeoutSeconds").asLong();
        }
        if (state.has("TimeoutSecondsPath")) {
            JsonNode value = read(state.get("TimeoutSecondsPath").asText(), effective, context, "TimeoutSecondsPath");
            return Json.integral(value).filter(s -> s > 0).orElseThrow(() -> StatesFailure.runtime(
                    "The TimeoutSecondsPath parameter does not reference a positive integer: " + Json.write(value)));
        }
        return null;
    }

    /**
     * Calls a handler with the events Step Functions records: {@code TaskScheduled}, {@code TaskStarted},
     * then {@code TaskSucceeded}, {@code TaskFailed} or {@code TaskTimedOut} (or the
     * {@code LambdaFunction...} events for a function ARN).
     */
    private JsonNode invoke(TaskHandler handler, String stateName, JsonNode input, JsonNode context, int retryCount,
            Timeline timeline, Long timeoutSeconds, String events, String resourceType, String resource,
            JsonNode parameters) {
        boolean task = events.equals("Task");
        ObjectNode scheduled = Json.object();
        if (task) {
            scheduled.put("resourceType", resourceType);
            scheduled.put("resource", resource);
            scheduled.put("region", Defaults.REGION);
            scheduled.put("parameters", Json.write(parameters));
        } else {
            scheduled.put("resource", resource);
            scheduled.put("input", Json.write(input));
        }
        if (timeoutSeconds != null) {
            scheduled.put("timeoutInSeconds", timeoutSeconds);
        }
        event(timeline, events + "Scheduled", scheduled);
        event(timeline, events + "Started", task ? resourceDetails(resourceType, resource) : Json.object());

        Instant started = timeline.now;
        Context handlerContext = new Context(stateName, retryCount, context, started);
        JsonNode result = null;
        StatesFailure failure = null;
        try {
            result = handler.handle(Json.copy(input), handlerContext);
            result = result == null ? Json.NODES.nullNode() : result.deepCopy();
        } catch (TaskError e) {
            failure = StatesFailure.of(e.error(), e.cause());
        } catch (Exception e) {
            failure = unhandled(e);
        }
        Instant finished = started.plus(handlerContext.spent);
        if (timeoutSeconds != null && handlerContext.spent.compareTo(Duration.ofSeconds(timeoutSeconds)) > 0) {
            timeline.advanceTo(started.plusSeconds(timeoutSeconds));
            ObjectNode details = task ? resourceDetails(resourceType, resource) : Json.object();
            details.put("error", "States.Timeout");
            event(timeline, events + "TimedOut", details);
            throw StatesFailure.of("States.Timeout", null);
        }
        timeline.advanceTo(finished);
        if (failure != null) {
            ObjectNode details = task ? resourceDetails(resourceType, resource) : Json.object();
            details.setAll(errorDetails(failure.error(), failure.errorCause()));
            event(timeline, events + "Failed", details);
            throw failure;
        }
        ObjectNode succeeded = task ? resourceDetails(resourceType, resource) : Json.object();
        succeeded.put("output", Json.write(result));
        event(timeline, events + "Succeeded", succeeded);
        return result;
    }

    /** An exception other than TaskError: reported as Lambda reports an unhandled Java exception. */
    private static StatesFailure unhandled(Exception e) {
        ObjectNode cause = Json.object();
        cause.put("errorMessage", e.getMessage());
        cause.put("errorType", e.getClass().getName());
        ArrayNode trace = cause.putArray("stackTrace");
        for (StackTraceElement frame : e.getStackTrace()) {
            trace.add(frame.toString());
        }
        return StatesFailure.of(e.getClass().getName(), Json.write(cause));
    }

    private static ObjectNode resourceDetails(String resourceType, String resource) {
        ObjectNode details = Json.object();
        details.put("resourceType", resourceType);
        details.put("resource", resource);
        return details;
    }

    private String uuid() {
        return Json.uuid(random);
    }

    /** The handler's view; it accumulates the virtual time the handler spends. */
    private final class Context implements TaskContext {
        private final String stateName;
        private final int retryCount;
        private final JsonNode context;
        private final Instant started;
        private Duration spent = Duration.ZERO;

        Context(String stateName, int retryCount, JsonNode context, Instant started) {
            this.stateName = stateName;
            this.retryCount = retryCount;
            this.context = context;
            this.started = started;
        }

        @Override
        public String stateName() {
            return stateName;
        }

        @Override
        public int retryCount() {
            return retryCount;
        }

        @Override
        public String executionArn() {
            return executionArn;
        }

        @Override
        public JsonNode contextObject() {
            return context.deepCopy();
        }

        @Override
        public Instant now() {
            return started.plus(spent);
        }

        @Override
        public void advance(Duration duration) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative, but was " + duration);
            }
            spent = spent.plus(duration);
        }
    }

    private JsonNode parallel(String stateName, JsonNode state, JsonNode effective, JsonNode context, Timeline timeline) {
        JsonNode input = state.has("Parameters")
                ? PayloadTemplates.apply(state.get("Parameters"), effective, context, random) : effective;
        event(timeline, "ParallelStateStarted", Json.object());
        ArrayNode results = Json.array();
        Instant end = timeline.now;
        for (JsonNode branch : state.get("Branches")) {
            Timeline line = timeline.fork(timeline.now);
            try {
                results.add(runScope(branch, Json.copy(input), line));
            } catch (StatesFailure failure) {
                // A failed branch fails the state; the branches after it are not started.
                timeline.now = max(end, line.now);
                timeline.lastEventId = history.size();
                if (!failure.terminal()) {
                    event(timeline, "ParallelStateFailed", errorDetails(failure.error(), failure.errorCause()));
                }
                throw failure;
            }
            end = max(end, line.now);
        }
        timeline.now = end;
        timeline.lastEventId = history.size();
        event(timeline, "ParallelStateSucceeded", Json.object());
        return results;
    }

    private JsonNode map(String stateName, JsonNode state, JsonNode effective, JsonNode context, Timeline timeline) {
        String itemsPath = state.path("ItemsPath").asText("$");
        JsonNode items = read(itemsPath, effective, context, "ItemsPath");
        if (!items.isArray()) {
            throw StatesFailure.runtime("Map state input must be an array, but the ItemsPath '" + itemsPath + "' selected "
                    + Json.typeOf(items) + " " + Json.write(items));
        }
        long concurrency = 0;
        if (state.has("MaxConcurrency")) {
            concurrency = state.get("MaxConcurrency").asLong();
        } else if (state.has("MaxConcurrencyPath")) {
            JsonNode value = read(state.get("MaxConcurrencyPath").asText(), effective, context, "MaxConcurrencyPath");
            concurrency = Json.integral(value).filter(n -> n >= 0).orElseThrow(() -> StatesFailure.runtime(
                    "The MaxConcurrencyPath parameter does not reference a non-negative integer: " + Json.write(value)));
        }
        JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
        JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        ObjectNode started = Json.object();
        started.put("length", items.size());
        event(timeline, "MapStateStarted", started);

        // Iterations run one after another; their virtual start times honour MaxConcurrency
        // (0: all start together), so the Map lasts as long as it would with real concurrency.
        PriorityQueue<Instant> slots = new PriorityQueue<>();
        for (long i = 0; i < Math.min(concurrency, items.size()); i++) {
            slots.add(timeline.now);
        }
        ArrayNode results = Json.array();
        Instant end = timeline.now;
        for (int index = 0; index < items.size(); index++) {
            Instant start = concurrency == 0 ? timeline.now : slots.poll();
            Timeline line = timeline.fork(start);
            ObjectNode iteration = Json.object();
            iteration.put("name", stateName);
            iteration.put("index", index);
            event(line, "MapIterationStarted", iteration);
            try {
                JsonNode itemInput = items.get(index);
                if (selector != null) {
                    ObjectNode itemContext = (ObjectNode) context.deepCopy();
                    ObjectNode item = itemContext.putObject("Map").putObject("Item");
                    item.put("Index", index);
                    item.set("Value", items.get(index));
                    itemInput = PayloadTemplates.apply(selector, effective, itemContext, random);
                }
                results.add(runScope(processor, Json.copy(itemInput), line));
            } catch (StatesFailure failure) {
                event(line, "MapIterationFailed", iteration.deepCopy());
                timeline.now = max(end, line.now);
                timeline.lastEventId = history.size();
                if (!failure.terminal()) {
                    event(timeline, "MapStateFailed", errorDetails(failure.error(), failure.errorCause()));
                }
                throw failure;
            }
            event(line, "MapIterationSucceeded", iteration.deepCopy());
            end = max(end, line.now);
            if (concurrency > 0) {
                slots.add(line.now);
            }
        }
        timeline.now = end;
        timeline.lastEventId = history.size();
        event(timeline, "MapStateSucceeded", Json.object());
        return results;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    // ---------------------------------------------------------------- paths

    private JsonNode inputPath(JsonNode state, JsonNode raw, JsonNode context) {
        return path(state, "InputPath", raw, context);
    }

    private JsonNode outputPath(JsonNode state, JsonNode data, JsonNode context) {
        return path(state, "OutputPath", data, context);
    }

    /** InputPath and OutputPath: absent selects everything, null selects nothing ({@code {}}). */
    private static JsonNode path(JsonNode state, String field, JsonNode data, JsonNode context) {
        if (!state.has(field)) {
            return data;
        }
        JsonNode path = state.get(field);
        if (path.isNull()) {
            return Json.object();
        }
        return read(path.asText(), data, context, field);
    }

    private static JsonNode read(String path, JsonNode data, JsonNode context, String field) {
        try {
            return JsonPaths.read(path, data, context).orElseThrow(() -> StatesFailure.runtime(
                    "Invalid path '" + path + "' : No results for path: " + path + " (" + field + ")"));
        } catch (IllegalArgumentException e) {
            throw StatesFailure.runtime("Invalid path '" + path + "' (" + field + "): " + e.getMessage());
        }
    }

    /** ResultPath: absent is {@code $} (the result replaces the input), null keeps the raw input. */
    private static JsonNode resultPath(JsonNode path, boolean present, JsonNode raw, JsonNode result) {
        if (!present) {
            return result;
        }
        if (path.isNull()) {
            return raw;
        }
        try {
            return JsonPaths.set(raw, JsonPaths.parseReferencePath(path.asText()), result);
        } catch (IllegalArgumentException e) {
            throw new StatesFailure("States.ResultPathMatchFailure", "Unable to apply ResultPath '" + path.asText()
                    + "' to input " + Json.write(raw) + ": " + e.getMessage(), true);
        }
    }
}
