package dev.stratus.constructs.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.INextable;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Parallel;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.Result;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.State;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.Timeout;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The state machine of a {@link Workflow}: the steps in order; each step's failure (after its
 * retries) recorded at {@code $.failure} and handed to the compensations of the steps before it, run
 * in reverse order, then the {@code Failed} state, whose cause names the step.
 *
 * <p>For steps A and B, each with a compensation: {@code A → B → end}; A fails: {@code AFailed →
 * CompensateA → Failed}; B fails: {@code BFailed → CompensateB → CompensateA → Failed}, or, for one of
 * B's business errors, {@code BRejected → CompensateA → Failed}.
 */
final class SagaDefinition {
    /** Where a step's result goes: {@code $.results.<step>}. */
    static final String RESULTS = "$.results";
    /** The failure being compensated: {@code {"step": ..., "error": {"Error": ..., "Cause": ...}}}. */
    static final String FAILURE = "$.failure";
    static final String COMPENSATION_FAILURE = "$.compensationFailure";
    static final String FAILED = "Failed";
    /** State names the workflow uses whatever the steps. */
    static final List<String> SHARED_STATES = List.of(FAILED);
    static final String COMPENSATION_FAILED_ERROR = "Workflow.CompensationFailed";

    private SagaDefinition() {
    }

    /** Every state name {@code step} may give rise to. */
    static List<String> stateNames(WorkflowStep step) {
        String n = step.name();
        return List.of(n, n + "Failed", n + "Rejected", "After" + n, "EndedAfter" + n, "Compensate" + n, "Compensate" + n + "Failed");
    }

    /**
     * Builds the states in {@code scope} and returns the first.
     *
     * @param compensations each step's compensation (null for none), in step order
     * @param compensationTimeouts the compensations' function timeouts (null when not known)
     */
    static IChainable build(Construct scope, List<WorkflowStep> steps, List<IFunction> compensations,
            List<Duration> compensationTimeouts, Duration workflowTimeout) {
        int n = steps.size();
        Fail failed = Fail.Builder.create(scope, FAILED)
                .comment("The workflow failed; the compensations of the steps before the failure have run")
                .errorPath(FAILURE + ".error.Error")
                .causePath(JsonPath.format("{} failed: {}", JsonPath.stringAt(FAILURE + ".step"),
                        JsonPath.jsonToString(JsonPath.objectAt(FAILURE + ".error"))))
                .build();

        // compensations, each leading to the one of the step before it, the first to Failed
        List<State> compensationStates = new ArrayList<>();
        State previous = failed;
        List<String> compensated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WorkflowStep step = steps.get(i);
            IFunction compensation = compensations.get(i);
            if (compensation == null) {
                compensationStates.add(null);
                continue;
            }
            compensated.add(0, step.name());
            LambdaInvoke undo = invoke(scope, "Compensate" + step.name(), compensation, step.name(),
                    timeout(step, compensationTimeouts.get(i), workflowTimeout), JsonPath.DISCARD);
            retry(undo, step);
            Fail undoFailed = Fail.Builder.create(scope, "Compensate" + step.name() + "Failed")
                    .comment("A compensation failed after its retries: what is left to compensate is in the cause")
                    .error(COMPENSATION_FAILED_ERROR)
                    .causePath(JsonPath.format("compensation of " + step.name() + " failed after {} failed: {}; left to compensate: "
                                    + String.join(", ", compensated),
                            JsonPath.stringAt(FAILURE + ".step"), JsonPath.jsonToString(JsonPath.objectAt(COMPENSATION_FAILURE))))
                    .build();
            undo.addCatch(undoFailed, CatchProps.builder().errors(List.of("States.ALL")).resultPath(COMPENSATION_FAILURE).build());
            undo.next(previous);
            compensationStates.add(undo);
            previous = undo;
        }

        List<State> stepStates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WorkflowStep step = steps.get(i);
            State state;
            if (step.chain() != null) {
                Parallel parallel = Parallel.Builder.create(scope, step.name())
                        .stateName(step.name())
                        .comment("Step " + step.name() + ": its output replaces the state")
                        .outputPath("$[0]")
                        .build();
                parallel.branch(step.chain());
                retry(parallel, step);
                state = parallel;
            } else {
                LambdaInvoke invoke = invoke(scope, step.name(), step.function(), null,
                        timeout(step, step.functionTimeout(), workflowTimeout), RESULTS + "." + step.name());
                retry(invoke, step);
                state = invoke;
            }
            State before = nearest(compensationStates, i - 1, failed);
            State ownCompensation = compensationStates.get(i);
            if (ownCompensation != null && !step.businessErrors().isEmpty()) {
                catchInto(state, List.copyOf(step.businessErrors()), record(scope, step.name() + "Rejected", step.name(), before,
                        "Records that " + step.name() + " decided against going on (changing nothing), for the compensations and the cause"));
            }
            // an error that is not a decision leaves the step's effect unknown: compensate it too
            catchInto(state, List.of("States.ALL"), record(scope, step.name() + "Failed", step.name(),
                    ownCompensation != null ? ownCompensation : before,
                    "Records that " + step.name() + " failed, for the compensations and the cause"));
            stepStates.add(state);
        }

        for (int i = 0; i < n - 1; i++) {
            WorkflowStep step = steps.get(i);
            INextable from = (INextable) stepStates.get(i);
            if (step.endWhen() != null) {
                Choice after = Choice.Builder.create(scope, "After" + step.name())
                        .comment("Ends the workflow when " + step.name() + " found nothing left to do")
                        .build();
                after.when(step.endWhen(), Succeed.Builder.create(scope, "EndedAfter" + step.name())
                        .comment("Ended after " + step.name() + ": nothing to do, nothing to compensate").build());
                after.otherwise(stepStates.get(i + 1));
                from.next(after);
            } else {
                from.next(stepStates.get(i + 1));
            }
        }
        return stepStates.get(0);
    }

    private static State nearest(List<State> compensations, int from, State otherwise) {
        for (int i = from; i >= 0; i--) {
            if (compensations.get(i) != null) {
                return compensations.get(i);
            }
        }
        return otherwise;
    }

    /** Records which step failed at {@code $.failure.step}, then goes on to {@code next}. */
    private static Pass record(Construct scope, String id, String step, State next, String comment) {
        Pass pass = Pass.Builder.create(scope, id)
                .comment(comment)
                .result(Result.fromString(step))
                .resultPath(FAILURE + ".step")
                .build();
        pass.next(next);
        return pass;
    }

    private static void catchInto(State state, List<String> errors, Pass handler) {
        CatchProps props = CatchProps.builder().errors(errors).resultPath(FAILURE + ".error").build();
        if (state instanceof LambdaInvoke task) {
            task.addCatch(handler, props);
        } else {
            ((Parallel) state).addCatch(handler, props);
        }
    }

    private static LambdaInvoke invoke(Construct scope, String id, IFunction function, String compensating, Duration timeout,
            String resultPath) {
        Map<String, Object> payload = new TreeMap<>();
        payload.put("execution", JsonPath.getExecutionId());
        payload.put("step", id);
        payload.put("state", JsonPath.getEntirePayload());
        if (compensating != null) {
            payload.put("compensating", compensating);
        }
        return LambdaInvoke.Builder.create(scope, id)
                .stateName(id)
                .lambdaFunction(function)
                // the function's own result, without the Lambda invoke metadata
                .payloadResponseOnly(true)
                // retried below with the step's settings, and its transient errors
                .retryOnServiceExceptions(false)
                .payload(TaskInput.fromObject(payload))
                .resultPath(resultPath)
                .taskTimeout(Timeout.duration(timeout))
                .build();
    }

    /** The step's timeout, else the function's plus a margin, else the workflow's; never above the workflow's. */
    private static Duration timeout(WorkflowStep step, Duration functionTimeout, Duration workflowTimeout) {
        if (step.timeout() != null) {
            return step.timeout();
        }
        if (functionTimeout == null || functionTimeout.isUnresolved() || workflowTimeout.isUnresolved()) {
            return workflowTimeout;
        }
        long seconds = functionTimeout.toSeconds().longValue() + Defaults.STEP_TIMEOUT_MARGIN.toSeconds().longValue();
        return Duration.seconds(Math.min(seconds, workflowTimeout.toSeconds().longValue()));
    }

    /** Lambda's service errors (a chain's tasks raise them too) and the step's transient errors. */
    private static void retry(State state, WorkflowStep step) {
        StepRetry retry = step.retry();
        List<String> errors = new ArrayList<>(Defaults.LAMBDA_SERVICE_ERRORS);
        step.transientErrors().stream().filter(e -> !errors.contains(e)).forEach(errors::add);
        if (retry.maxAttempts().doubleValue() == 0) {
            return;
        }
        RetryProps props = RetryProps.builder()
                .errors(errors)
                .interval(retry.interval())
                .backoffRate(retry.backoffRate())
                .maxAttempts(retry.maxAttempts())
                .jitterStrategy(retry.jitter())
                .maxDelay(retry.maxDelay())
                .build();
        if (state instanceof LambdaInvoke task) {
            task.addRetry(props);
        } else {
            ((Parallel) state).addRetry(props);
        }
    }
}
