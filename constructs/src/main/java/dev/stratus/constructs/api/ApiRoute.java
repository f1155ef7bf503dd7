package dev.stratus.constructs.api;

import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * One route: a method, a path and the function that answers it. A {@link SecureFunction} is
 * integrated through its {@code live} alias; any other {@link IFunction} (an alias, a version) is
 * used as given. Routes use the API's JWT authorizer unless {@link #auth(RouteAuth)} says otherwise.
 *
 * <pre>{@code
 * ApiRoute.get("/users/{userId}", users)
 * ApiRoute.post("/orders", orders).throttle(Throttle.of(20, 40))
 * ApiRoute.get("/health", health).auth(RouteAuth.NONE)
 * }</pre>
 */
public final class ApiRoute {
    private final String method;
    private final String path;
    private final IFunction function;
    private final RouteAuth auth;
    private final Throttle throttle;
    private final boolean apiKeyRequired;

    private ApiRoute(String method, String path, IFunction function, RouteAuth auth, Throttle throttle, boolean apiKeyRequired) {
        this.method = method;
        this.path = path;
        this.function = function;
        this.auth = auth;
        this.throttle = throttle;
        this.apiKeyRequired = apiKeyRequired;
    }

    /** A route for {@code method} (GET, POST, PUT, PATCH, DELETE, HEAD or ANY), answered by {@code function} as given. */
    public static ApiRoute of(String method, String path, IFunction function) {
        return new ApiRoute(method, path, function, RouteAuth.JWT, null, false);
    }

    /** A route answered by {@code function}'s live alias. */
    public static ApiRoute of(String method, String path, SecureFunction function) {
        return of(method, path, function == null ? null : function.getAlias());
    }

    /** {@code GET path}, answered by {@code function}'s live alias. */
    public static ApiRoute get(String path, SecureFunction function) {
        return of("GET", path, function);
    }

    /** {@code GET path}, answered by {@code function} as given (a {@code Function}, an {@code Alias}, a {@code Version}). */
    public static ApiRoute get(String path, IFunction function) {
        return of("GET", path, function);
    }

    /** {@code POST path}, answered by {@code function}'s live alias. */
    public static ApiRoute post(String path, SecureFunction function) {
        return of("POST", path, function);
    }

    /** {@code POST path}, answered by {@code function} as given (a {@code Function}, an {@code Alias}, a {@code Version}). */
    public static ApiRoute post(String path, IFunction function) {
        return of("POST", path, function);
    }

    /** {@code PUT path}, answered by {@code function}'s live alias. */
    public static ApiRoute put(String path, SecureFunction function) {
        return of("PUT", path, function);
    }

    /** {@code PUT path}, answered by {@code function} as given (a {@code Function}, an {@code Alias}, a {@code Version}). */
    public static ApiRoute put(String path, IFunction function) {
        return of("PUT", path, function);
    }

    /** {@code PATCH path}, answered by {@code function}'s live alias. */
    public static ApiRoute patch(String path, SecureFunction function) {
        return of("PATCH", path, function);
    }

    /** {@code PATCH path}, answered by {@code function} as given (a {@code Function}, an {@code Alias}, a {@code Version}). */
    public static ApiRoute patch(String path, IFunction function) {
        return of("PATCH", path, function);
    }

    /** {@code DELETE path}, answered by {@code function}'s live alias. */
    public static ApiRoute delete(String path, SecureFunction function) {
        return of("DELETE", path, function);
    }

    /** {@code DELETE path}, answered by {@code function} as given (a {@code Function}, an {@code Alias}, a {@code Version}). */
    public static ApiRoute delete(String path, IFunction function) {
        return of("DELETE", path, function);
    }

    /** {@code HEAD path}, answered by {@code function}'s live alias. */
    public static ApiRoute head(String path, SecureFunction function) {
        return of("HEAD", path, function);
    }

    /** {@code HEAD path}, answered by {@code function} as given (a {@code Function}, an {@code Alias}, a {@code Version}). */
    public static ApiRoute head(String path, IFunction function) {
        return of("HEAD", path, function);
    }

    /** {@code ANY path}, answered by {@code function}'s live alias. */
    public static ApiRoute any(String path, SecureFunction function) {
        return of("ANY", path, function);
    }

    /** {@code ANY path}, answered by {@code function} as given (a {@code Function}, an {@code Alias}, a {@code Version}). */
    public static ApiRoute any(String path, IFunction function) {
        return of("ANY", path, function);
    }

    /** The same route with another authorization. */
    public ApiRoute auth(RouteAuth auth) {
        return new ApiRoute(method, path, function, auth, throttle, apiKeyRequired);
    }

    /** The same route with its own throttling instead of the stage default. */
    public ApiRoute throttle(Throttle throttle) {
        return new ApiRoute(method, path, function, auth, throttle, apiKeyRequired);
    }

    /** The same route, callable only with an API key of the API's usage plan (REST flavour). */
    public ApiRoute requireApiKey() {
        return new ApiRoute(method, path, function, auth, throttle, true);
    }

    /** The same route under a prefix, e.g. {@code /web}. */
    ApiRoute under(String prefix) {
        return new ApiRoute(method, prefix + path, function, auth, throttle, apiKeyRequired);
    }

    /** The HTTP method: GET, POST, PUT, PATCH, DELETE, HEAD or ANY. */
    public String method() {
        return method;
    }

    /** The path, e.g. {@code /users/{userId}}, before any client prefix. */
    public String path() {
        return path;
    }

    /** The function that answers: a SecureFunction's live alias, or the function as given. */
    public IFunction function() {
        return function;
    }

    /** How callers are authorized. Default: {@link RouteAuth#JWT}, the API's JWT authorizer. */
    public RouteAuth auth() {
        return auth;
    }

    /** Whether callers need an API key (REST flavour). */
    public boolean apiKeyRequired() {
        return apiKeyRequired;
    }

    /** The route's own throttling, or null for the stage default. */
    public Throttle throttle() {
        return throttle;
    }

    /** {@code GET /users/{userId}}. */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
