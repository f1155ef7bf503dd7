package dev.stratus.constructs.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.stratus.constructs.internal.Problems;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A CloudWatch dashboard of a service, built from what its constructs know about themselves: the
 * state of every alarm they created, then per construct (in the order of the construct tree) a
 * heading and graphs of its own metrics — API traffic and errors per route, function invocations,
 * errors and duration, queue depth and age, dead-letter queues, schedule runs, table throttles.
 *
 * <pre>{@code
 * ServiceDashboard.Builder.create(stack, "Dashboard")
 *         .dashboardName(stack.getStackName())
 *         .monitorAll(stack)            // every Monitored construct in the stack
 *         .build();                     // create it after the constructs it shows
 * }</pre>
 */
public class ServiceDashboard extends Construct {
    /** CloudWatch's rule for dashboard names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private final Dashboard dashboard;
    private final List<Monitored> monitored;

    public ServiceDashboard(Construct scope, String id, String dashboardName, List<Monitored> monitored) {
        super(scope, id);
        Problems problems = new Problems("ServiceDashboard", id);
        if (dashboardName != null && !Token.isUnresolved(dashboardName) && !NAME.matcher(dashboardName).matches()) {
            problems.add("dashboardName must be 1 to 255 letters, digits, '-' or '_', but was '" + dashboardName + "'");
        }
        for (int i = 0; i < monitored.size(); i++) {
            if (monitored.get(i) == null) {
                problems.add("monitor[" + i + "] is null; every element must be a Monitored construct");
            }
        }
        if (monitored.isEmpty()) {
            problems.add("monitor names no construct: pass Monitored constructs (SecureFunction, BffApi, EventDrivenService, "
                    + "ScheduledTask, SecureTable, ...) or monitorAll(scope) of a scope that holds some");
        }
        problems.throwIfAny();
        this.monitored = List.copyOf(monitored);
        this.dashboard = Dashboard.Builder.create(this, "Resource")
                .dashboardName(dashboardName)
                .build();
        List<IAlarm> alarms = new ArrayList<>();
        monitored.forEach(m -> alarms.addAll(m.getAlarms()));
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("## " + (dashboardName != null ? dashboardName : getNode().getPath()) + "\nAlarms of "
                        + this.monitored.size() + " constructs, then each construct's own metrics.")
                .width(24).height(2).build());
        if (!alarms.isEmpty()) {
            // a row of the widget holds four alarms
            dashboard.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(24)
                    .height(Math.min(2 + (alarms.size() + 3) / 4, 20)).build());
        }
        for (Monitored m : this.monitored) {
            // one row per construct: its full-width heading, then its graphs side by side, wrapping at 24 units
            dashboard.addWidgets(m.dashboardWidgets().toArray(IWidget[]::new));
        }
    }

    /** Every {@link Monitored} construct under {@code scope} (itself included), in the order of the construct tree. */
    public static List<Monitored> findAll(IConstruct scope) {
        Set<Monitored> found = new LinkedHashSet<>();
        for (IConstruct c : scope.getNode().findAll()) {
            if (c instanceof Monitored m) {
                found.add(m);
            }
        }
        return List.copyOf(found);
    }

    /** The dashboard (L2); {@code getNode().getDefaultChild()} is its {@code CfnDashboard}. */
    public Dashboard getDashboard() {
        return dashboard;
    }

    /** The constructs shown, in order. */
    public List<Monitored> getMonitored() {
        return monitored;
    }

    /** A fluent builder in the style of the CDK's own constructs. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private String dashboardName;
        private final List<Monitored> monitored = new ArrayList<>();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** The dashboard's name. Default: one CloudFormation generates. */
        public Builder dashboardName(String dashboardName) {
            this.dashboardName = dashboardName;
            return this;
        }

        /** Adds these constructs, in this order. */
        public Builder monitor(Monitored... constructs) {
            monitored.addAll(constructs == null ? java.util.Collections.singletonList(null) : java.util.Arrays.asList(constructs));
            return this;
        }

        /** Adds every {@link Monitored} construct under {@code scope} (see {@link ServiceDashboard#findAll}). */
        public Builder monitorAll(IConstruct scope) {
            findAll(scope).stream().filter(m -> !monitored.contains(m)).forEach(monitored::add);
            return this;
        }

        public ServiceDashboard build() {
            return new ServiceDashboard(scope, id, dashboardName, monitored);
        }
    }
}
