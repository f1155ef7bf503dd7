/**
 * {@link dev.stratus.constructs.schedule.ScheduledTask}: an EventBridge Scheduler schedule, in a
 * schedule group of its own, that runs a SecureFunction through its live alias or any IFunction, with
 * a least-privilege role, retries and an encrypted DLQ. Cron, rate, at and time zones are checked at
 * synth, including whether the schedule ever runs. See README.md in this folder.
 */
package dev.stratus.constructs.schedule;
