package dev.stratus.functions.users;

import java.util.Map;

import dev.stratus.functions.events.EventEnvelope;

/** The events the users service publishes (source {@code stratus.users}). */
final class UserEvents {
    static final String SOURCE = "stratus.users";

    private UserEvents() {
    }

    /** {@code user.created}, version 1: userId, name, email. */
    static EventEnvelope created(User user) {
        return EventEnvelope.of("user.created", SOURCE, 1, Map.of("userId", user.id(), "name", user.name(), "email", user.email()));
    }
}
