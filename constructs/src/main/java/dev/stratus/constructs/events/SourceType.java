package dev.stratus.constructs.events;

/** Where producers publish to an {@link EventDrivenService}. */
public enum SourceType {
    /** An EventBridge event bus, with an archive for replay; consumers match by event pattern. The default. */
    EVENT_BRIDGE,
    /** A standard SNS topic; consumers match by filter policy. */
    SNS,
    /** A FIFO SNS topic feeding FIFO queues: ordered per message group, exactly-once per deduplication id. */
    SNS_FIFO
}
