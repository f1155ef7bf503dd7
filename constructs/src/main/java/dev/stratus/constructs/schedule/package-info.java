/**
 * {@link dev.stratus.constructs.schedule.ScheduledTask}: an EventBridge Scheduler schedule that runs
 * a SecureFunction through its live alias, with a least-privilege role, retries and an encrypted DLQ.
 * Cron, rate and time zones are checked at synth. See README.md in this folder.
 */
package dev.stratus.constructs.schedule;
