package dev.stratus.functions.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Writes one JSON object per log line through the Lambda logger, with Jackson — never by string
 * concatenation, so that a value holding a quote, a backslash or a line break stays inside its own
 * field:
 *
 * <pre>{"level":"INFO","message":"order placed","correlationId":"CZ7vbh-0FiAEJgw=","orderId":"..."}</pre>
 *
 * <p>{@code level}, {@code message} and {@code correlationId} come first and cannot be overwritten by
 * a field of the same name (such a field is dropped). The level is also passed to the logger, so that
 * Lambda's application log level filters the line. Lambda's JSON log format adds its own
 * {@code timestamp} and {@code AWSRequestId} around it.
 */
public final class JsonLog {
    /** The members every line starts with. */
    public static final Set<String> RESERVED = Set.of("level", "message", "correlationId");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final LambdaLogger logger;

    public JsonLog(LambdaLogger logger) {
        this.logger = logger;
    }

    public void info(String message, String correlationId, Map<String, ?> fields) {
        log(LogLevel.INFO, message, correlationId, fields);
    }

    public void warn(String message, String correlationId, Map<String, ?> fields) {
        log(LogLevel.WARN, message, correlationId, fields);
    }

    public void error(String message, String correlationId, Map<String, ?> fields) {
        log(LogLevel.ERROR, message, correlationId, fields);
    }

    public void log(LogLevel level, String message, String correlationId, Map<String, ?> fields) {
        logger.log(line(level, message, correlationId, fields), level);
    }

    /**
     * The line: {@code level}, {@code message}, {@code correlationId} (left out when null), then
     * {@code fields} in their order (null values left out).
     */
    public static String line(LogLevel level, String message, String correlationId, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level.name());
        line.put("message", message);
        if (correlationId != null) {
            line.put("correlationId", correlationId);
        }
        fields.forEach((name, value) -> {
            if (value != null && !RESERVED.contains(name)) {
                line.put(name, value);
            }
        });
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            // a field Jackson cannot write (a programming error): the line still says what happened
            Map<String, Object> fallback = new LinkedHashMap<>();
            fallback.put("level", level.name());
            fallback.put("message", message);
            if (correlationId != null) {
                fallback.put("correlationId", correlationId);
            }
            fallback.put("logFailure", e.getOriginalMessage());
            try {
                return JSON.writeValueAsString(fallback);
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
