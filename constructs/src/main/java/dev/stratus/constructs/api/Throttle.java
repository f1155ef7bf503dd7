package dev.stratus.constructs.api;

/**
 * A throttling limit: steady requests per second and burst. API Gateway's account-level quotas
 * (10,000 requests per second, burst 5,000) bound both.
 *
 * @param rateLimit  requests per second, 1 to 10000
 * @param burstLimit requests in a burst, 1 to 5000
 */
public record Throttle(double rateLimit, int burstLimit) {
    /**
     * A limit of {@code rateLimit} requests per second with bursts of {@code burstLimit}.
     * @param rateLimit requests per second, 1 to 10000
     * @param burstLimit requests in a burst, 1 to 5000
     * @return the limit
     */
    public static Throttle of(double rateLimit, int burstLimit) {
        return new Throttle(rateLimit, burstLimit);
    }
}
