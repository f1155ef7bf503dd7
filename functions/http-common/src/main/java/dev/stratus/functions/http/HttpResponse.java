package dev.stratus.functions.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A response in API Gateway HTTP API (2.0) form; bodies are JSON. */
public record HttpResponse(int status, Object body, Map<String, String> headers) {
    static final ObjectMapper JSON = Json.MAPPER;

    public static HttpResponse ok(Object body) {
        return new HttpResponse(200, body, Map.of());
    }

    public static HttpResponse created(Object body, String location) {
        return new HttpResponse(201, body, Map.of("location", location));
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, null, Map.of());
    }

    /** {@code {"error": ..., "details": [...]}}. */
    public static HttpResponse error(int status, String error, List<String> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("details", details);
        return new HttpResponse(status, body, Map.of());
    }

    /** The JSON API Gateway expects back from the function. */
    public ObjectNode toEvent() {
        ObjectNode out = JSON.createObjectNode();
        out.put("statusCode", status);
        ObjectNode h = out.putObject("headers");
        h.put("content-type", "application/json");
        headers.forEach(h::put);
        if (body != null) {
            try {
                out.put("body", JSON.writeValueAsString(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("response body cannot be written as JSON", e);
            }
        }
        out.put("isBase64Encoded", false);
        return out;
    }
}
