/**
 * Operating the constructs: {@link dev.stratus.constructs.monitoring.AlarmPolicy} (the {@code alarms}
 * prop every construct takes: which alarms, tuned how, notifying where), the stack's encrypted
 * {@link dev.stratus.constructs.monitoring.AlarmTopic}, and a
 * {@link dev.stratus.constructs.monitoring.ServiceDashboard} built from what each
 * {@link dev.stratus.constructs.monitoring.Monitored} construct knows about itself. See README.md.
 */
package dev.stratus.constructs.monitoring;
