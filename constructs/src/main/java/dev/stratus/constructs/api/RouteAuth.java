package dev.stratus.constructs.api;

/** How a route authorizes its callers. */
public enum RouteAuth {
    /** The API's JWT authorizer (the default for every route). */
    JWT,
    /** AWS IAM (SigV4-signed requests), for service-to-service calls. */
    IAM,
    /** No authorization: a public route. Must be asked for per route, and is listed by {@link BffApi#getPublicRoutes()}. */
    NONE
}
