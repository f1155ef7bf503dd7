package dev.stratus.functions.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Dispatches on API Gateway's route key ({@code GET /users/{userId}}): 405 with the allowed
 * methods when the path is known under another method, 404 otherwise.
 */
public final class Router {
    private final Map<String, Function<HttpRequest, HttpResponse>> routes = new LinkedHashMap<>();

    public Router on(String method, String path, Function<HttpRequest, HttpResponse> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    public HttpResponse route(HttpRequest request) {
        Function<HttpRequest, HttpResponse> handler = routes.get(request.routeKey());
        if (handler != null && request.routeKey().startsWith(request.method() + " ")) {
            return handler.apply(request);
        }
        String path = request.routeKey().contains(" ") ? request.routeKey().substring(request.routeKey().indexOf(' ') + 1) : request.routeKey();
        TreeSet<String> allowed = new TreeSet<>();
        routes.keySet().stream().filter(k -> k.endsWith(" " + path)).forEach(k -> allowed.add(k.substring(0, k.indexOf(' '))));
        if (!allowed.isEmpty()) {
            throw new MethodNotAllowed(request.method(), path, List.copyOf(allowed));
        }
        throw ApiException.notFound("no route " + request.method() + " " + path);
    }

    /** 405, with the methods that are allowed. */
    public static final class MethodNotAllowed extends ApiException {
        private static final long serialVersionUID = 1L;
        private final List<String> allowed;

        MethodNotAllowed(String method, String path, List<String> allowed) {
            super(405, "method not allowed", List.of(method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed)));
            this.allowed = allowed;
        }

        public List<String> allowed() {
            return allowed;
        }
    }
}
