package dev.stratus.functions.events.publish;

import dev.stratus.functions.events.EventEnvelope;

/** Publishes envelopes; throws when an event was not accepted, so the caller keeps it for a retry. */
public interface EventPublisher {
    void publish(EventEnvelope event);
}
