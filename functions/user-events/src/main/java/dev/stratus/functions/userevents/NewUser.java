package dev.stratus.functions.userevents;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.MalformedEventException;
import dev.stratus.functions.events.TextRules;

/**
 * The data of a {@code user.created} event (version 1): userId, name, email — checked again here
 * by the users service's own rules ({@link TextRules}): an address without a domain or a name with
 * a line break (which would reach the welcome mail's subject) makes the event malformed.
 */
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
        // the producer checked these too; an event may come from anyone who can publish to the bus
        if (email != null && !TextRules.isEmailAddress(email)) {
            problems.add("data.email is not an e-mail address like ada@example.com");
        }
        if (name != null && name.length() > TextRules.MAX_NAME) {
            problems.add("data.name must be at most " + TextRules.MAX_NAME + " characters, but has " + name.length());
        } else if (name != null && TextRules.firstHiddenCharacter(name) >= 0) {
            problems.add("data.name holds a control or format character ("
                    + TextRules.describe(TextRules.firstHiddenCharacter(name)) + ")");
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
