package dev.stratus.local.dynamodb.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answered to the client as DynamoDB answers it: an HTTP status and a JSON body with
 * {@code __type} (the error's shape name) and {@code message}, plus any extra members the error
 * shape has (the {@code Item} of a failed condition, a transaction's {@code CancellationReasons}).
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final String NAMESPACE = "com.amazonaws.dynamodb.v20120810#";

    private final String type;
    private final int status;
    private final transient Map<String, JsonNode> extra;

    public ApiException(String type, int status, String message) {
        this(type, status, message, Map.of());
    }

    public ApiException(String type, int status, String message, Map<String, JsonNode> extra) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.extra = new LinkedHashMap<>(extra);
    }

    /** The error shape's name, e.g. {@code ValidationException}. */
    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** Members of the error body beyond {@code __type} and {@code message}. */
    public Map<String, JsonNode> extra() {
        return extra;
    }

    public static ApiException validation(String message) {
        return new ApiException("ValidationException", 400, message);
    }

    /** A parameter or operation that DynamoDB has but this engine does not implement. */
    public static ApiException unsupported(String what) {
        return validation(what + " is not supported by the local DynamoDB engine (stratus-local)");
    }

    public static ApiException resourceNotFound(String message) {
        return new ApiException("ResourceNotFoundException", 400, message);
    }

    public static ApiException resourceInUse(String message) {
        return new ApiException("ResourceInUseException", 400, message);
    }

    public static ApiException conditionalCheckFailed() {
        return new ApiException("ConditionalCheckFailedException", 400, "The conditional request failed");
    }

    public static ApiException conditionalCheckFailed(JsonNode item) {
        return new ApiException("ConditionalCheckFailedException", 400, "The conditional request failed",
                item == null ? Map.of() : Map.of("Item", item));
    }

    public static ApiException internal(String message) {
        return new ApiException("InternalServerError", 500, message);
    }
}
