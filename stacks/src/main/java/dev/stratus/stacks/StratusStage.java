package dev.stratus.stacks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.stratus.constructs.function.Deployment;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.AlarmTopic;
import dev.stratus.constructs.monitoring.ServiceDashboard;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * One environment of the reference app (Dev, Prod): the stacks {@link StratusApp#compose} builds,
 * operated by the stage's {@link StageSettings} — the deployment of every SecureFunction, alarms
 * with or without notifications, the least log retention, termination protection — and a
 * dashboard per stack of what its constructs know about themselves. The stage only wraps the
 * stacks: their names ({@code Stratus-<stage>-Data}, ...) and logical ids are those of a stack
 * created at the app's root, so moving them into a stage replaces nothing.
 */
public class StratusStage extends Stage {
    private final AppConfig config;
    private final StageSettings settings;
    private final StratusApp.Stacks stacks;
    private final List<ServiceDashboard> dashboards = new ArrayList<>();

    public StratusStage(Construct scope, AppConfig config, StageSettings settings) {
        super(scope, stageId(config.stage()), StageProps.builder().build());
        this.config = config;
        this.settings = settings;
        // defaults for every construct of the stage's stacks, set before the stacks are built
        AlarmPolicy.setDefault(this, settings.alarmNotifications() ? AlarmPolicy.defaults() : AlarmPolicy.defaults().withoutNotifications());
        Deployment.setDefault(this, settings.functionDeployment());

        this.stacks = StratusApp.compose(this, config);
        LogRetentionAtLeast.apply(this, settings.logRetentionDays());

        for (Stack stack : stacksOf(this)) {
            if (settings.terminationProtection()) {
                stack.setTerminationProtection(true);
            }
            dashboards.add(ServiceDashboard.Builder.create(stack, "Dashboard")
                    .dashboardName(stack.getStackName())
                    .monitorAll(stack)
                    .build());
            if (settings.alarmEmail() != null) {
                AlarmTopic.find(stack).ifPresent(topic -> topic.getTopic().addSubscription(new EmailSubscription(settings.alarmEmail())));
            }
        }
    }

    /**
     * The stages {@code cdk synth} builds: one per entry of context {@code stages}, or the one context
     * {@code stage} names; {@code env} stands for the process environment (the CLI's account and region).
     */
    public static List<StratusStage> compose(App app, UnaryOperator<String> env) {
        List<StratusStage> stages = new ArrayList<>();
        for (StageSettings settings : StageSettings.selected(app.getNode())) {
            stages.add(new StratusStage(app, AppConfig.from(app.getNode(), env, settings), settings));
        }
        return stages;
    }

    /** {@code dev} → {@code Dev}: the stage's construct id (the stack names do not depend on it). */
    static String stageId(String stage) {
        return Character.toUpperCase(stage.charAt(0)) + stage.substring(1);
    }

    /** Every stack of the stage, in the order created (stacks other workers add to compose included). */
    static List<Stack> stacksOf(Stage stage) {
        List<Stack> stacks = new ArrayList<>();
        for (IConstruct child : stage.getNode().getChildren()) {
            if (child instanceof Stack stack) {
                stacks.add(stack);
            }
        }
        return stacks;
    }

    public AppConfig getConfig() {
        return config;
    }

    public StageSettings getSettings() {
        return settings;
    }

    /** The stage's stacks. */
    public StratusApp.Stacks getStacks() {
        return stacks;
    }

    /** One dashboard per stack, named as the stack. */
    public List<ServiceDashboard> getDashboards() {
        return List.copyOf(dashboards);
    }
}
