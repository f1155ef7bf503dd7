package dev.stratus.functions.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.telemetry.CorrelationId;

/**
 * The parts of an API Gateway HTTP API event (payload format 2.0) a handler uses. Built only by
 * {@link #fromEvent}, which refuses an event it cannot trust with a 400.
 *
 * @param method         e.g. {@code GET}
 * @param routeKey       the matched route, e.g. {@code GET /users/{userId}}
 * @param pathParameters values of the route's {@code {params}}
 * @param query          query string parameters
 * @param headers        header names lower-cased
 * @param body           the body, base64-decoded when API Gateway encoded it; empty when absent
 * @param requestId      API Gateway's request id, the correlation id of logs and 500 answers
 * @param claims         the JWT claims the authorizer verified; empty without a JWT authorizer
 */
public record HttpRequest(String method, String routeKey, Map<String, String> pathParameters, Map<String, String> query,
                          Map<String, String> headers, String body, String requestId, Map<String, String> claims) {

    /**
     * The id that follows this request into the events it causes and their consumers' logs: the
     * caller's {@code X-Correlation-Id} header when it is well-formed ({@link CorrelationId#accept}),
     * else API Gateway's request id. A malformed header is ignored, not refused.
     */
    public String correlationId() {
        return CorrelationId.orElse(headers.get(CorrelationId.HEADER), requestId);
    }

    /** The caller's user id: the {@code sub} claim verified by the JWT authorizer, never a header. */
    public Optional<String> callerId() {
        return Optional.ofNullable(claims.get("sub")).filter(s -> !s.isBlank());
    }

    /**
     * The caller's id, or 401 when the request carries no verified identity or one no key can
     * hold: 1 to 128 printable ASCII characters (DynamoDB keys and index keys have size limits).
     */
    public String requireCaller() {
        String caller = callerId().orElseThrow(() -> new ApiException(401, "unauthorized",
                java.util.List.of("no verified caller identity (JWT sub claim)")));
        if (!CALLER.matcher(caller).matches()) {
            throw new ApiException(401, "unauthorized", java.util.List.of("the JWT sub claim is not a usable id "
                    + "(1 to 128 printable ASCII characters)"));
        }
        return caller;
    }

    /**
     * The caller's e-mail address as the identity provider verified it: the {@code email} claim,
     * when the {@code email_verified} claim is {@code true}. Cognito puts both in ID tokens, not in
     * access tokens; API Gateway passes claims as strings.
     */
    public Optional<String> verifiedEmail() {
        String email = claims.get("email");
        return "true".equalsIgnoreCase(claims.get("email_verified")) && email != null && !email.isBlank()
                ? Optional.of(email.strip()) : Optional.empty();
    }

    /**
     * The body read as {@code type} by {@link Json#read}; a body sent as anything but
     * {@code application/json} (UTF-8, the only charset accepted) is a 415 before it is parsed.
     */
    public <T> T jsonBody(Class<T> type) {
        if (!body.isBlank()) {
            String contentType = headers.get("content-type");
            if (contentType == null || !isJson(contentType)) {
                throw ApiException.unsupportedMediaType("the body must be sent as content-type application/json, not "
                        + (contentType == null ? "without a content-type" : "'" + abbreviate(contentType) + "'"));
            }
        }
        return Json.read(body, type);
    }

    private static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")
                    && !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    private static final java.util.regex.Pattern CALLER = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,128}");

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("invalid path", "path parameter " + name + " is missing");
        }
        return value;
    }

    /**
     * Reads the event; anything that is not a well-formed HTTP API 2.0 event, or a body larger
     * than {@code maxBodyBytes} (413), is refused.
     */
    public static HttpRequest fromEvent(JsonNode event, int maxBodyBytes) {
        if (event == null || !event.isObject()) {
            throw ApiException.badRequest("invalid event", "the event is not a JSON object");
        }
        JsonNode context = event.path("requestContext");
        String method = text(context.path("http").path("method"));
        String routeKey = text(event.path("routeKey"));
        if (method == null || routeKey == null) {
            throw ApiException.badRequest("invalid event", "not an API Gateway HTTP API (2.0) event: "
                    + "requestContext.http.method and routeKey are required");
        }
        String body = text(event.path("body"));
        if (body == null) {
            body = "";
        } else if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid body", "the body is marked base64 but is not");
            }
        }
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBodyBytes) {
            throw new ApiException(413, "payload too large", java.util.List.of(
                    "the body is " + size + " bytes; at most " + maxBodyBytes + " are accepted"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        strings(event.path("headers")).forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        return new HttpRequest(method.toUpperCase(Locale.ROOT), routeKey, strings(event.path("pathParameters")),
                strings(event.path("queryStringParameters")), headers, body,
                Optional.ofNullable(text(context.path("requestId"))).orElse("unknown"),
                strings(context.path("authorizer").path("jwt").path("claims")));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    /** Only string members are kept: a number or object where a string belongs is not trusted. */
    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    values.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return values;
    }
}
