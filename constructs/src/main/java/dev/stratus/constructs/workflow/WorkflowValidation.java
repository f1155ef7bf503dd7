package dev.stratus.constructs.workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.stratus.constructs.internal.Problems;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

/** The checks of {@link WorkflowProps} and of {@link Workflow#startOnEvent}: every problem at once. */
final class WorkflowValidation {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1," + Defaults.MAX_STEP_NAME_LENGTH + "}");
    private static final Pattern START_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,63}");

    private WorkflowValidation() {
    }

    static void validate(String id, WorkflowProps props) {
        Problems problems = new Problems("Workflow", id);
        boolean express = props.type() == StateMachineType.EXPRESS;
        long maxTimeout = express ? Defaults.MAX_EXPRESS_TIMEOUT_S : Defaults.MAX_STANDARD_TIMEOUT_S;
        problems.checkSeconds("timeout", props.timeout(), 1, maxTimeout,
                express ? " (an Express workflow runs at most 5 minutes)" : " (a Standard workflow runs at most a year)");
        Duration workflowTimeout = props.timeout();

        List<WorkflowStep> steps = props.steps();
        if (steps.isEmpty()) {
            problems.add("steps: at least one step is required, e.g. WorkflowStep.of(\"ProcessOrder\", processOrder)");
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            WorkflowStep step = steps.get(i);
            if (step == null) {
                problems.add("steps[" + i + "] is null");
                continue;
            }
            String name = step.name();
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add("the name of steps[" + i + "] must be 1 to " + Defaults.MAX_STEP_NAME_LENGTH
                        + " letters, digits, '_' or '-' (it names the workflow's states), but was "
                        + (name == null ? "null" : "'" + name + "'"));
                continue;
            }
            names.merge(name, 1, Integer::sum);
            checkStep(problems, step, workflowTimeout);
            problems.check(step.endWhen() == null || i < steps.size() - 1,
                    "step '" + name + "' is the last step: endWhen has no step left to skip");
        }
        names.forEach((name, count) -> problems.check(count == 1,
                "step name '" + name + "' is used by " + count + " steps; each step needs a name of its own"));

        Set<String> compensated = new HashSet<>();
        for (WorkflowProps.Compensation c : props.compensations()) {
            if (c.step() == null || !names.containsKey(c.step())) {
                problems.add("compensation for step " + (c.step() == null ? "null" : "'" + c.step() + "'")
                        + ": there is no such step; the steps are " + List.copyOf(names.keySet()));
                continue;
            }
            if (c.function() == null) {
                problems.add("compensation for step '" + c.step() + "' is null");
            }
            WorkflowStep step = steps.stream().filter(s -> s != null && c.step().equals(s.name())).findFirst().orElseThrow();
            if (step.compensation() != null || !compensated.add(c.step())) {
                problems.add("step '" + c.step() + "' has two compensations; give it one, on the step or by name");
            }
            checkTimeoutCoversFunction(problems, step, c.functionTimeout(), workflowTimeout);
        }
        if (names.values().stream().allMatch(n -> n == 1)) {
            checkStateNames(problems, steps);
        }

        problems.checkSeconds("dataKeyReusePeriod", props.dataKeyReusePeriod(), Defaults.MIN_DATA_KEY_REUSE_S,
                Defaults.MAX_DATA_KEY_REUSE_S, " (1 to 15 minutes)");
        problems.checkRange("deliveryRetryAttempts", props.deliveryRetryAttempts(), 0, Defaults.MAX_DELIVERY_RETRY_ATTEMPTS, "");
        problems.checkSeconds("deliveryMaxEventAge", props.deliveryMaxEventAge(), Defaults.MIN_DELIVERY_EVENT_AGE_S,
                Defaults.MAX_DELIVERY_EVENT_AGE_S, " (1 minute to 24 hours)");
        dev.stratus.constructs.internal.AlarmFactory.check(problems, props.alarms(), Defaults.ALARMS);
        problems.throwIfAny();
    }

    private static void checkStep(Problems problems, WorkflowStep step, Duration workflowTimeout) {
        String name = "step '" + step.name() + "'";
        if (!step.hasTarget()) {
            problems.add(name + " has nothing to run: give a SecureFunction, an IFunction or a chain");
        }
        Duration timeout = step.timeout();
        if (timeout != null && step.chain() != null) {
            problems.add(name + " runs a chain: timeout applies to function steps only (the Parallel state that wraps a chain has no timeout)");
        } else if (timeout != null && !timeout.isUnresolved()) {
            problems.checkSeconds("timeout of " + name, timeout, 1, Defaults.MAX_STANDARD_TIMEOUT_S, "");
            if (!workflowTimeout.isUnresolved() && timeout.toMilliseconds().doubleValue() > workflowTimeout.toMilliseconds().doubleValue()) {
                problems.add("timeout of " + name + " is " + timeout.toHumanString() + ", above the workflow's timeout of "
                        + workflowTimeout.toHumanString());
            }
        }
        checkTimeoutCoversFunction(problems, step, step.functionTimeout(), workflowTimeout);
        if (step.compensation() != null) {
            checkTimeoutCoversFunction(problems, step, step.compensationTimeout(), workflowTimeout);
        }

        checkErrorNames(problems, name, "transientErrors", step.transientErrors());
        checkErrorNames(problems, name, "businessErrors", step.businessErrors());
        if (step.transientErrors().contains("States.ALL") || step.transientErrors().contains("States.TaskFailed")) {
            problems.add(name + ": transientErrors may not hold States.ALL or States.TaskFailed, which would retry business errors too; "
                    + "name the transient errors");
        }
        for (String error : step.businessErrors()) {
            if (error != null && step.transientErrors().contains(error)) {
                problems.add(name + ": error '" + error + "' is both transient and business; a business error is never retried");
            }
        }
        checkRetry(problems, name, step.retry());
    }

    /** A function step's (or compensation's) timeout must let its function finish: else a retry runs beside a live invocation. */
    private static void checkTimeoutCoversFunction(Problems problems, WorkflowStep step, Duration functionTimeout, Duration workflowTimeout) {
        Duration timeout = step.timeout();
        if (functionTimeout == null || functionTimeout.isUnresolved() || step.chain() != null) {
            return;
        }
        String name = "step '" + step.name() + "'";
        if (timeout != null && !timeout.isUnresolved()
                && timeout.toMilliseconds().doubleValue() < functionTimeout.toMilliseconds().doubleValue()) {
            problems.add("timeout of " + name + " is " + timeout.toHumanString() + ", below its function's timeout of "
                    + functionTimeout.toHumanString() + ": Step Functions would give up on invocations that still run, "
                    + "and a retry would run beside them");
        } else if (timeout == null && !workflowTimeout.isUnresolved()
                && functionTimeout.toMilliseconds().doubleValue() > workflowTimeout.toMilliseconds().doubleValue()) {
            problems.add(name + " runs a function whose timeout of " + functionTimeout.toHumanString()
                    + " is above the workflow's timeout of " + workflowTimeout.toHumanString());
        }
    }

    private static void checkErrorNames(Problems problems, String step, String prop, List<String> errors) {
        for (String error : errors) {
            if (error == null || error.isBlank()) {
                problems.add(step + ": " + prop + " holds " + (error == null ? "null" : "a blank name") + "; each error name is "
                        + "an exception class name (Java: com.example.PaymentDeclined) or a Step Functions error");
            }
        }
    }

    private static void checkRetry(Problems problems, String step, StepRetry retry) {
        String what = "retry of " + step + ": ";
        problems.checkSeconds(what + "interval", retry.interval(), 1, Defaults.MAX_RETRY_INTERVAL_S, "");
        problems.checkRange(what + "maxAttempts", retry.maxAttempts(), 0, Defaults.MAX_RETRY_ATTEMPTS, "");
        problems.checkSeconds(what + "maxDelay", retry.maxDelay(), 1, Defaults.MAX_RETRY_DELAY_S, "");
        Number rate = retry.backoffRate();
        if (!Token.isUnresolved(rate) && !(rate.doubleValue() >= 1.0)) {
            problems.add(what + "backoffRate must be 1.0 or more, but was " + rate);
        }
        Duration interval = retry.interval();
        Duration maxDelay = retry.maxDelay();
        if (!interval.isUnresolved() && !maxDelay.isUnresolved()
                && maxDelay.toMilliseconds().doubleValue() < interval.toMilliseconds().doubleValue()) {
            problems.add(what + "maxDelay (" + maxDelay.toHumanString() + ") is below interval (" + interval.toHumanString() + ")");
        }
    }

    /** The states the workflow adds are named after the steps: two names may not meet. */
    private static void checkStateNames(Problems problems, List<WorkflowStep> steps) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (WorkflowStep step : steps) {
            if (step == null || step.name() == null || !NAME.matcher(step.name()).matches()) {
                continue;
            }
            for (String state : SagaDefinition.stateNames(step)) {
                String owner = owners.putIfAbsent(state, step.name());
                if (owner != null && !owner.equals(step.name())) {
                    problems.add("state name '" + state + "' would be used twice, by steps '" + owner + "' and '" + step.name()
                            + "'; rename one of them");
                }
            }
        }
        for (String reserved : SagaDefinition.SHARED_STATES) {
            if (owners.containsKey(reserved)) {
                problems.add("state name '" + reserved + "' is the workflow's own; rename step '" + owners.get(reserved) + "'");
            }
        }
    }

    static void validateStart(String id, String name, IEventBus bus, EventPattern pattern, Set<String> taken) {
        Problems problems = new Problems("Workflow", id);
        if (name == null || !START_NAME.matcher(name).matches()) {
            problems.add("startOnEvent name must be 1 to 64 letters and digits in PascalCase (it names the rule and its DLQ), but was "
                    + (name == null ? "null" : "'" + name + "'"));
        } else if (taken.contains(name)) {
            problems.add("startOnEvent name '" + name + "' is taken; give each rule its own: startOnEvent(name, bus, pattern)");
        }
        String what = "startOnEvent '" + name + "': ";
        problems.check(bus != null, what + "bus is required");
        if (pattern == null) {
            problems.add(what + "eventPattern is required");
        } else if (isEmpty(pattern)) {
            problems.add(what + "eventPattern matches on no field; EventBridge needs at least one, e.g. source and detailType");
        }
        problems.throwIfAny();
    }

    private static boolean isEmpty(EventPattern p) {
        List<Object> fields = new ArrayList<>();
        fields.add(p.getAccount());
        fields.add(p.getDetail());
        fields.add(p.getDetailType());
        fields.add(p.getId());
        fields.add(p.getRegion());
        fields.add(p.getResources());
        fields.add(p.getSource());
        fields.add(p.getTime());
        fields.add(p.getVersion());
        return fields.stream().allMatch(f -> f == null || f instanceof List<?> l && l.isEmpty() || f instanceof Map<?, ?> m && m.isEmpty());
    }
}
