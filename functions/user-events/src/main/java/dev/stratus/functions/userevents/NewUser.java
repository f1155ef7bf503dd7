package dev.stratus.functions.userevents;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.MalformedEventException;

/** The data of a {@code user.created} event (version 1): userId, name, email. */
public record NewUser(String userId, String name, String email) {
    public static final String TYPE = "user.created";

    /** Reads the event's data, or throws {@link MalformedEventException} naming what is missing. */
    public static NewUser from(EventEnvelope event) {
        if (event.version() != 1) {
            throw new MalformedEventException(List.of("user.created version " + event.version() + " is not supported (only 1)"));
        }
        JsonNode data = event.data();
        List<String> problems = new ArrayList<>();
        String userId = text(data, "userId", problems);
        String name = text(data, "name", problems);
        String email = text(data, "email", problems);
        if (userId != null && !userId.matches("[\\x21-\\x7E]{1,128}")) {
            problems.add("data.userId is not a usable id (1 to 128 printable ASCII characters)");
        }
        if (email != null && !email.contains("@")) {
            problems.add("data.email is not an e-mail address");
        }
        if (!problems.isEmpty()) {
            throw new MalformedEventException(problems);
        }
        return new NewUser(userId, name, email);
    }

    private static String text(JsonNode data, String field, List<String> problems) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add("data." + field + " must be a non-empty string");
            return null;
        }
        return value.asText();
    }
}
