package dev.stratus.constructs.api;

/** Which API Gateway a {@link BffApi} is built on. */
public enum ApiFlavour {
    /** API Gateway v2 HTTP API: cheaper and faster; JWT authorizers from any OIDC issuer. The default. */
    HTTP,
    /** API Gateway REST API: AWS WAF, request validation, usage plans and API keys, X-Ray. */
    REST
}
