package dev.stratus.functions.events.publish;

import java.time.Duration;
import java.util.Map;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.Events;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Puts an envelope on an EventBridge bus: {@code Source} and {@code DetailType} from the
 * envelope, the envelope itself as {@code Detail}. A rejected entry is an exception, not a silent loss.
 */
public final class EventBridgePublisher implements EventPublisher {
    private final EventBridgeClient events;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    /**
     * A publish is on the request path of the producers: bounded tightly, since an event that is
     * not published at once waits in the outbox for the relay anyway.
     */
    public static final Timeouts TIMEOUTS = Timeouts.of(Duration.ofSeconds(2), Duration.ofMillis(800));

    /**
     * The publisher a Lambda function uses: the bus {@code EVENT_BUS_NAME}, a client built once by
     * {@link SdkClients} (URL-connection HTTP client, the function's region, the default credentials
     * chain, {@link #TIMEOUTS}).
     */
    public static EventBridgePublisher fromEnvironment(Map<String, String> env) {
        String bus = Env.required(env, "EVENT_BUS_NAME");
        return new EventBridgePublisher(SdkClients.configure(EventBridgeClient.builder(), env, TIMEOUTS).build(), bus);
    }

    @Override
    public void publish(EventEnvelope event) {
        PutEventsResponse response = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(event.source())
                .detailType(event.type())
                .detail(Events.toJson(event))
                .build()));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().get(0);
            throw new IllegalStateException("EventBridge rejected event " + event.id() + ": " + entry.errorCode() + " " + entry.errorMessage());
        }
    }
}
