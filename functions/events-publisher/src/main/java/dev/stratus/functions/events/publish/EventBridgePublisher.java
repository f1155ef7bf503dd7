package dev.stratus.functions.events.publish;

import java.util.Map;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.Events;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
     * The publisher a Lambda function uses: the bus {@code EVENT_BUS_NAME}, a client built once with
     * the URL-connection HTTP client, the function's region and the default credentials chain (with
     * SnapStart, Lambda serves credentials from the container endpoint, not environment variables).
     */
    public static EventBridgePublisher fromEnvironment(Map<String, String> env) {
        String bus = env.get("EVENT_BUS_NAME");
        if (bus == null || bus.isBlank()) {
            throw new IllegalStateException("environment variable EVENT_BUS_NAME is required");
        }
        return new EventBridgePublisher(EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.get("AWS_REGION")))
                .build(), bus);
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
