package dev.stratus.functions.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.telemetry.JsonLog;

/**
 * The thin Lambda edge of an HTTP function: reads the API Gateway event (bounded), hands a
 * {@link HttpRequest} to {@link #handle}, and writes the {@link HttpResponse}. A client's mistake
 * ({@link ApiException}) becomes a 4xx with {@code {"error", "details"}}; anything else a 500 that
 * shows only a correlation id, logged with the failure. Both are logged as JSON lines
 * ({@link JsonLog}: {@code level}, {@code message}, {@code correlationId}, {@code status},
 * {@code route}, {@code problem} or {@code failure}); the correlation id is
 * {@link HttpRequest#correlationId()}.
 */
public abstract class HttpFunction implements RequestStreamHandler {
    /** API Gateway's own payload limit is 10 MB; nothing we serve needs more than this. */
    static final int MAX_EVENT_BYTES = 1024 * 1024;
    /** Default body limit; override {@link #maxBodyBytes()}. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

    protected abstract HttpResponse handle(HttpRequest request);

    protected int maxBodyBytes() {
        return DEFAULT_MAX_BODY_BYTES;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String correlationId = context.getAwsRequestId();
        String route = null;
        JsonLog log = new JsonLog(context.getLogger());
        HttpResponse response;
        try {
            byte[] raw = input.readNBytes(MAX_EVENT_BYTES + 1);
            if (raw.length > MAX_EVENT_BYTES) {
                throw new ApiException(413, "payload too large", List.of("the event exceeds " + MAX_EVENT_BYTES + " bytes"));
            }
            JsonNode event;
            try {
                event = Json.MAPPER.readTree(raw);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("invalid event", "the event is not JSON");
            }
            HttpRequest request = HttpRequest.fromEvent(event, maxBodyBytes());
            correlationId = request.correlationId();
            route = request.routeKey();
            response = handle(request);
        } catch (Router.MethodNotAllowed e) {
            response = new HttpResponse(405, HttpResponse.error(405, e.error(), e.details()).body(),
                    Map.of("allow", String.join(", ", e.allowed())));
        } catch (ApiException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("status", e.status());
            fields.put("route", route);
            fields.put("problem", e.getMessage());
            log.info("request refused", correlationId, fields);
            response = HttpResponse.error(e.status(), e.error(), e.details());
        } catch (RuntimeException e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("status", 500);
            fields.put("route", route);
            fields.put("failure", trace.toString());
            log.error("request failed", correlationId, fields);
            response = HttpResponse.error(500, "internal error", List.of("correlation id " + correlationId));
        }
        output.write(Json.MAPPER.writeValueAsBytes(response.toEvent()));
    }
}
