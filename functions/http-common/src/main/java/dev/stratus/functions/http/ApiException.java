package dev.stratus.functions.http;

import java.util.List;

/**
 * A request that cannot be served, with the status and the problems to report. Thrown by parsing,
 * validation and business code; {@link HttpFunction} turns it into a JSON error response.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final List<String> details;

    public ApiException(int status, String error, List<String> details) {
        super(error + (details.isEmpty() ? "" : ": " + String.join("; ", details)));
        this.status = status;
        this.error = error;
        this.details = List.copyOf(details);
    }

    public static ApiException badRequest(String error, List<String> details) {
        return new ApiException(400, error, details);
    }

    public static ApiException badRequest(String error, String detail) {
        return new ApiException(400, error, List.of(detail));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", List.of(detail));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not found", List.of(detail));
    }

    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, "unsupported media type", List.of(detail));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", List.of(detail));
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public List<String> details() {
        return details;
    }
}
