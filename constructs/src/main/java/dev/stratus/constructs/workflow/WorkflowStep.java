package dev.stratus.constructs.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.IVersion;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.IChainable;

/**
 * One step of a {@link Workflow}: a name, what it runs, and what undoes it. A {@link SecureFunction}
 * runs through its {@code live} alias; any other {@link IFunction} (an alias, a version, a function)
 * as given; {@link #chain} takes any Step Functions chain (Choice, Parallel, Map ...) for what a
 * function step cannot say. An immutable value: every setting returns a new one.
 *
 * <pre>{@code
 * WorkflowStep.of("ValidatePayment", validatePayment)
 *         .compensation(voidPayment)
 *         .businessErrors("com.example.PaymentDeclined")      // decided: not retried, nothing to undo
 *         .transientErrors("com.example.GatewayBusy")          // retried like Lambda's service errors
 *         .timeout(Duration.seconds(20))
 * }</pre>
 *
 * <p>A function step receives {@code {"execution": <execution ARN>, "step": <name>, "state": <the
 * workflow's state>}} and its result is stored at {@code $.results.<name>} of the state
 * ({@link Workflow#resultPath}); the state starts as the execution's input, which must be a JSON
 * object. A Java function's error name is its exception's class name ({@code
 * com.example.PaymentDeclined}).
 */
public final class WorkflowStep {
    /** Never changed once this value holds it: {@link #with} changes a copy. */
    private final Settings s;

    private WorkflowStep(Settings settings) {
        this.s = settings;
    }

    /** A step named {@code name} ({@code [A-Za-z0-9_-]}, it names states) that invokes {@code function}'s live alias. */
    public static WorkflowStep of(String name, SecureFunction function) {
        Settings settings = new Settings();
        settings.name = name;
        settings.function = function == null ? null : function.getAlias();
        settings.functionTimeout = function == null ? null : function.getTimeout();
        settings.given = function == null ? 0 : 1;
        return new WorkflowStep(settings);
    }

    /** A step that invokes {@code function} exactly as given (pass an alias to run a published version). */
    public static WorkflowStep of(String name, IFunction function) {
        Settings settings = new Settings();
        settings.name = name;
        settings.function = function;
        settings.functionTimeout = timeoutOf(function);
        settings.given = function == null ? 0 : 1;
        return new WorkflowStep(settings);
    }

    /**
     * A step that runs {@code chain} (states built in the same stack, e.g. a Choice or a Map), wrapped in
     * a one-branch Parallel state so that it retries and compensates like any step. Its output replaces
     * the state: its own states choose what to keep (ResultPath). It has no timeout of its own.
     */
    public static WorkflowStep chain(String name, IChainable chain) {
        Settings settings = new Settings();
        settings.name = name;
        settings.chain = chain;
        settings.given = chain == null ? 0 : 1;
        return new WorkflowStep(settings);
    }

    /** The timeout of {@code function}, of the function behind an alias or version; null when not known here. */
    static Duration timeoutOf(IFunction function) {
        IFunction lambda = function;
        if (lambda instanceof IAlias alias) {
            lambda = alias.getVersion().getLambda();
        } else if (lambda instanceof IVersion version) {
            lambda = version.getLambda();
        }
        if (lambda instanceof Function owned) {
            return owned.getTimeout() != null ? owned.getTimeout() : Defaults.LAMBDA_DEFAULT_TIMEOUT;
        }
        return null;
    }

    private WorkflowStep with(Consumer<Settings> change) {
        Settings copy = s.copy();
        change.accept(copy);
        return new WorkflowStep(copy);
    }

    /**
     * What undoes this step, invoked through its {@code live} alias when a later step fails (and when
     * this step fails with an error that is not one of its {@link #businessErrors}: its effect may have
     * happened). It receives the state with {@code failure} ({@code step}, and {@code error}: the
     * {@code Error} and {@code Cause}), must be idempotent, and must accept that the step did nothing.
     * Default: none.
     */
    public WorkflowStep compensation(SecureFunction compensation) {
        return with(c -> {
            c.compensation = compensation == null ? null : compensation.getAlias();
            c.compensationTimeout = compensation == null ? null : compensation.getTimeout();
        });
    }

    /** As {@link #compensation(SecureFunction)}, with any {@code IFunction} as given. */
    public WorkflowStep compensation(IFunction compensation) {
        return with(c -> {
            c.compensation = compensation;
            c.compensationTimeout = timeoutOf(compensation);
        });
    }

    /**
     * Error names that are retried besides Lambda's service errors, e.g. an exception class the
     * function throws when a dependency is throttled. Default: none.
     */
    public WorkflowStep transientErrors(String... errors) {
        return with(c -> c.transientErrors = copy(c.transientErrors, errors));
    }

    /**
     * Error names that are a decision, not a fault (a declined payment, no stock): never retried, and
     * this step's own compensation does not run for them (the step changed nothing). The earlier steps
     * are compensated as for any failure. Default: none.
     */
    public WorkflowStep businessErrors(String... errors) {
        return with(c -> c.businessErrors = copy(c.businessErrors, errors));
    }

    /** How this step and its compensation retry transient errors. Default: {@link StepRetry#defaults()}. */
    public WorkflowStep retry(StepRetry retry) {
        return with(c -> c.retry = retry);
    }

    /**
     * How long one attempt may take, whole seconds, at least the function's timeout and at most the
     * workflow's. Default: the function's timeout plus 5 seconds when it is known (a SecureFunction, or a
     * Function of this app and its aliases and versions); else the workflow's timeout.
     */
    public WorkflowStep timeout(Duration timeout) {
        return with(c -> c.timeout = timeout);
    }

    /**
     * Ends the workflow successfully after this step when {@code condition} holds on the state, without
     * running the following steps or any compensation, e.g. when the step found the work already done:
     * {@code Condition.booleanEquals(Workflow.resultPath("ProcessOrder") + ".proceed", false)}. Default: never.
     */
    public WorkflowStep endWhen(Condition condition) {
        return with(c -> c.endWhen = condition);
    }

    private static List<String> copy(List<String> old, String... more) {
        List<String> out = new ArrayList<>(old);
        if (more == null) {
            out.add(null);
        } else {
            out.addAll(java.util.Arrays.asList(more));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** The step's name: its state's name and the id of what it creates. */
    public String name() {
        return s.name;
    }

    /** The function the step invokes (a SecureFunction's live alias), or null for a chain step. */
    public IFunction function() {
        return s.function;
    }

    /** The chain a chain step runs, or null for a function step. */
    public IChainable chain() {
        return s.chain;
    }

    /** The compensation, or null. */
    public IFunction compensation() {
        return s.compensation;
    }

    /** Errors retried with back-off besides Lambda's service errors. Default: none. */
    public List<String> transientErrors() {
        return s.transientErrors;
    }

    /** Errors that fail the step at once (compensations run), never retried. Default: none. */
    public List<String> businessErrors() {
        return s.businessErrors;
    }

    /** The retry policy. Default: {@link StepRetry#defaults()}. */
    public StepRetry retry() {
        return s.retry != null ? s.retry : StepRetry.defaults();
    }

    /** The timeout set with {@link #timeout}, or null for the default. */
    public Duration timeout() {
        return s.timeout;
    }

    /** The condition that ends the workflow after this step, or null. */
    public Condition endWhen() {
        return s.endWhen;
    }

    /** The function's timeout, or null when it is not known here. */
    Duration functionTimeout() {
        return s.functionTimeout;
    }

    Duration compensationTimeout() {
        return s.compensationTimeout;
    }

    /** Whether a function or a chain was given (a null one counts as none). */
    boolean hasTarget() {
        return s.given == 1;
    }

    /** The settings of one step while a new value is made from an old one. */
    private static final class Settings {
        String name;
        IFunction function;
        Duration functionTimeout;
        IChainable chain;
        int given;
        IFunction compensation;
        Duration compensationTimeout;
        List<String> transientErrors = List.of();
        List<String> businessErrors = List.of();
        StepRetry retry;
        Duration timeout;
        Condition endWhen;

        Settings copy() {
            Settings c = new Settings();
            c.name = name;
            c.function = function;
            c.functionTimeout = functionTimeout;
            c.chain = chain;
            c.given = given;
            c.compensation = compensation;
            c.compensationTimeout = compensationTimeout;
            c.transientErrors = transientErrors;
            c.businessErrors = businessErrors;
            c.retry = retry;
            c.timeout = timeout;
            c.endWhen = endWhen;
            return c;
        }
    }
}
