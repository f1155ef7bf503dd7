package dev.stratus.functions.telemetry;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id that follows one request across services: the API request's id (or a well-formed
 * {@code X-Correlation-Id} the caller sent), carried in every event envelope the request causes,
 * and logged by the relay, the consumers and the saga's steps.
 *
 * <p>An id from outside is accepted only when it is 1 to {@link #MAX_LENGTH} characters of
 * {@code A-Z a-z 0-9 - _ . : = + /} (API Gateway's own request ids are of these); anything else (a
 * quote, a backslash, a control character, a space, too long) is ignored and the request's own id
 * is used. Log lines are written by Jackson in any case; the rule keeps ids short and searchable.
 */
public final class CorrelationId {
    /** The request header a caller may send to join its own trace; header names are matched lower-cased. */
    public static final String HEADER = "x-correlation-id";
    public static final int MAX_LENGTH = 128;
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:=+/-]{1," + MAX_LENGTH + "}");

    private CorrelationId() {
    }

    /** {@code candidate} when it is a well-formed id, else empty. */
    public static Optional<String> accept(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
    }

    /** {@code candidate} when well-formed, else {@code fallback} (e.g. the request's or the event's own id). */
    public static String orElse(String candidate, String fallback) {
        return accept(candidate).orElse(fallback);
    }
}
