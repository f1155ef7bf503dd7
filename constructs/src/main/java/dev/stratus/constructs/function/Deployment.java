package dev.stratus.constructs.function;

import dev.stratus.constructs.internal.ScopedDefaults;
import software.amazon.awscdk.services.codedeploy.ILambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentConfig;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.IConstruct;

/**
 * How a new version of a {@link SecureFunction} takes traffic: the {@code deployment} prop. With a
 * deployment, CodeDeploy shifts the {@code live} alias to each new version (all at once, or a
 * canary or linear share first), runs the optional pre- and post-traffic hooks, and rolls back by
 * itself when a rollback alarm (errors or p99 duration of the new version) fires or a hook fails.
 * An immutable value: every method returns a new one.
 *
 * <pre>{@code
 * SecureFunction.Builder.create(this, "Orders")
 *         ...
 *         .deployment(Deployment.canary10Percent5Minutes().preTraffic(smokeTest))
 *         .build();
 * Deployment.setDefault(prodStage, Deployment.canary10Percent5Minutes()); // every SecureFunction beneath
 * }</pre>
 */
public final class Deployment {
    private final ILambdaDeploymentConfig config;
    private final String description;
    private final IFunction preTraffic;
    private final IFunction postTraffic;
    private final boolean alarmRollback;

    private Deployment(ILambdaDeploymentConfig config, String description, IFunction preTraffic, IFunction postTraffic,
                       boolean alarmRollback) {
        this.config = config;
        this.description = description;
        this.preTraffic = preTraffic;
        this.postTraffic = postTraffic;
        this.alarmRollback = alarmRollback;
    }

    /** 10% of the traffic to the new version for 5 minutes, then all of it: for production. */
    public static Deployment canary10Percent5Minutes() {
        return of(LambdaDeploymentConfig.CANARY_10_PERCENT_5_MINUTES, "canary: 10% for 5 minutes, then 100%");
    }

    /** 10% more of the traffic every minute (10 minutes in all): for production. */
    public static Deployment linear10PercentEvery1Minute() {
        return of(LambdaDeploymentConfig.LINEAR_10_PERCENT_EVERY_1_MINUTE, "linear: 10% more every minute");
    }

    /** All traffic at once, still through CodeDeploy (hooks run, a failed hook rolls back): for development. */
    public static Deployment allAtOnce() {
        return of(LambdaDeploymentConfig.ALL_AT_ONCE, "all at once");
    }

    /** Any CodeDeploy Lambda configuration, e.g. {@code LambdaDeploymentConfig.CANARY_10_PERCENT_30_MINUTES}. */
    public static Deployment of(ILambdaDeploymentConfig config) {
        return of(config, "custom configuration");
    }

    private static Deployment of(ILambdaDeploymentConfig config, String description) {
        return new Deployment(config, description, null, null, true);
    }

    /** No CodeDeploy: CloudFormation points the alias at each new version (overrides a default set on a scope). */
    public static Deployment none() {
        return new Deployment(null, "none", null, null, false);
    }

    /**
     * Runs {@code hook} (its {@code live} alias) before any traffic shifts; it reports success or
     * failure with {@code codedeploy:PutLifecycleEventHookExecutionStatus}, which it is granted.
     */
    public Deployment preTraffic(SecureFunction hook) {
        return preTraffic(hook == null ? null : hook.getAlias());
    }

    /** Runs {@code hook} before any traffic shifts (an alias or version: a grant on a bare function adds {@code :*}). */
    public Deployment preTraffic(IFunction hook) {
        return new Deployment(config, description, hook, postTraffic, alarmRollback);
    }

    /** Runs {@code hook} (its {@code live} alias) after all traffic has shifted; a failure rolls back. */
    public Deployment postTraffic(SecureFunction hook) {
        return postTraffic(hook == null ? null : hook.getAlias());
    }

    /** Runs {@code hook} after all traffic has shifted; a failure rolls back. */
    public Deployment postTraffic(IFunction hook) {
        return new Deployment(config, description, preTraffic, hook, alarmRollback);
    }

    /** Rolls back only on a failed deployment or hook, not on the rollback alarms (which are then not created). */
    public Deployment withoutAlarmRollback() {
        return new Deployment(config, description, preTraffic, postTraffic, false);
    }

    /** Whether CodeDeploy deploys at all ({@link #none()} does not). */
    public boolean isEnabled() {
        return config != null;
    }

    /** The CodeDeploy configuration; null for {@link #none()}. */
    public ILambdaDeploymentConfig config() {
        return config;
    }

    /** The hook run before traffic shifts, or null. */
    public IFunction preTrafficHook() {
        return preTraffic;
    }

    /** The hook run after traffic has shifted, or null. */
    public IFunction postTrafficHook() {
        return postTraffic;
    }

    /** Whether the rollback alarms roll a deployment back. */
    public boolean rollsBackOnAlarms() {
        return alarmRollback;
    }

    /** The deployment of the SecureFunctions beneath {@code scope} that set no {@code deployment} prop. */
    public static void setDefault(IConstruct scope, Deployment deployment) {
        ScopedDefaults.set(scope, Deployment.class, deployment);
    }

    /** {@code given}, else the default set on the nearest scope above {@code construct}; null for none. */
    static Deployment resolve(IConstruct construct, Deployment given) {
        return given != null ? given : ScopedDefaults.find(construct, Deployment.class);
    }

    @Override
    public String toString() {
        return "Deployment[" + description + (preTraffic != null ? ", pre-traffic hook" : "")
                + (postTraffic != null ? ", post-traffic hook" : "") + (alarmRollback || config == null ? "" : ", no alarm rollback") + "]";
    }
}
