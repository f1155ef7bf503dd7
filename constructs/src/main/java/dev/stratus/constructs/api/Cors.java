package dev.stratus.constructs.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import software.amazon.awscdk.Duration;

/**
 * CORS for browser clients: explicit origins only. {@code *} together with credentials is refused,
 * as browsers would refuse it too.
 */
public final class Cors {
    private final List<String> allowOrigins;
    private final boolean allowCredentials;
    private final List<String> allowHeaders;
    private final Duration maxAge;

    private Cors(List<String> allowOrigins, boolean allowCredentials, List<String> allowHeaders, Duration maxAge) {
        this.allowOrigins = allowOrigins;
        this.allowCredentials = allowCredentials;
        this.allowHeaders = allowHeaders;
        this.maxAge = maxAge;
    }

    /** Allows these origins, e.g. {@code https://app.example.com}; no credentials, 10-minute preflight cache. */
    public static Cors allowOrigins(String... origins) {
        return new Cors(copy(origins), false, List.of("Authorization", "Content-Type"), Duration.minutes(10));
    }

    /** An unmodifiable copy that keeps null elements, so that validation can name them. */
    private static List<String> copy(String... values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
    }

    /** Lets browsers send cookies and Authorization with requests. */
    public Cors withCredentials() {
        return new Cors(allowOrigins, true, allowHeaders, maxAge);
    }

    /** The request headers allowed. Default: {@code Authorization}, {@code Content-Type}. */
    public Cors withHeaders(String... headers) {
        return new Cors(allowOrigins, allowCredentials, copy(headers), maxAge);
    }

    /** How long browsers may cache a preflight answer. Default: 10 minutes. */
    public Cors withMaxAge(Duration maxAge) {
        return new Cors(allowOrigins, allowCredentials, allowHeaders, maxAge);
    }

    /** The allowed origins. */
    public List<String> origins() {
        return allowOrigins;
    }

    /** Whether browsers may send credentials. Default: false. */
    public boolean allowCredentials() {
        return allowCredentials;
    }

    /** The request headers allowed. Default: {@code Authorization}, {@code Content-Type}. */
    public List<String> allowHeaders() {
        return allowHeaders;
    }

    /** How long browsers may cache a preflight answer. Default: 10 minutes. */
    public Duration maxAge() {
        return maxAge;
    }
}
