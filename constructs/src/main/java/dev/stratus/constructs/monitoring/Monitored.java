package dev.stratus.constructs.monitoring;

import java.util.List;

import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.constructs.IConstruct;

/**
 * A construct that knows how it fails and how to watch it: the alarms it created (by its
 * {@link AlarmPolicy}) and dashboard widgets of its own metrics. {@link ServiceDashboard} puts
 * every {@code Monitored} construct of a scope on one dashboard.
 */
public interface Monitored extends IConstruct {
    /** The alarms this construct created, in the order created; empty when its policy is {@link AlarmPolicy#off()}. */
    List<Alarm> getAlarms();

    /**
     * Widgets for a dashboard: a heading naming the construct, then graphs of its own metrics, in
     * rows of at most 24 units. New widgets each call: a widget belongs to one dashboard.
     */
    List<IWidget> dashboardWidgets();
}
