/**
 * What every function shares for telemetry: {@link dev.stratus.functions.telemetry.CorrelationId}
 * (which ids are accepted from outside), {@link dev.stratus.functions.telemetry.JsonLog} (one JSON
 * object per log line, written by Jackson) and {@link dev.stratus.functions.telemetry.Metrics}
 * (CloudWatch embedded metric format documents on standard output).
 */
package dev.stratus.functions.telemetry;
