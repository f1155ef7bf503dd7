/**
 * {@link dev.stratus.constructs.events.EventDrivenService}: an EventBridge bus (or SNS topic) with
 * an archive, and per consumer an encrypted queue with DLQ and redrive, a live-alias event source
 * mapping with partial batch failures, and a delivery DLQ. See README.md in this folder.
 */
package dev.stratus.constructs.events;
