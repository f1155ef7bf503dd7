package dev.stratus.constructs.api;

/**
 * The AWS WAF web ACL of a REST-flavour {@link BffApi}: the AWS managed common rule set, and a
 * rate-based rule that blocks a client IP sending more than {@code rateLimit} requests in five
 * minutes.
 *
 * @param rateLimit requests per IP per 5 minutes, 100 to 2,000,000,000 (default 2000)
 */
public record WafOptions(long rateLimit) {

    /**
     * The managed common rule set and the default rate limit.
     * @return the options
     */
    public static WafOptions defaults() {
        return new WafOptions(Defaults.WAF_RATE_LIMIT);
    }

    /**
     * The managed common rule set and a rate limit per client IP.
     * @param requestsPerFiveMinutes requests one IP may send in five minutes before it is blocked
     * @return the options
     */
    public static WafOptions rateLimit(long requestsPerFiveMinutes) {
        return new WafOptions(requestsPerFiveMinutes);
    }
}
