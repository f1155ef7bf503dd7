package dev.stratus.functions.expireorders;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

import dev.stratus.functions.bootstrap.Env;

/**
 * The function's configuration, read once from its environment.
 *
 * @param tableName            {@code ORDERS_TABLE_NAME}, required
 * @param statusIndex          {@code ORDERS_STATUS_INDEX}, required
 * @param defaultMaxPendingAge {@code MAX_PENDING_AGE}, ISO-8601 from {@code PT1H} to {@code P3650D}, default {@code PT48H}; the input's
 *                             {@code maxPendingAge} overrides it per run
 * @param pageSize             {@code PAGE_SIZE}, 1 to 1000, default 100
 */
public record ExpiryConfig(String tableName, String statusIndex, Duration defaultMaxPendingAge, int pageSize) {
    static final Duration DEFAULT_MAX_PENDING_AGE = Duration.ofHours(48);
    static final int DEFAULT_PAGE_SIZE = 100;

    public static ExpiryConfig fromEnvironment(Map<String, String> env) {
        return new ExpiryConfig(
                Env.required(env, "ORDERS_TABLE_NAME", "the orders table's name"),
                Env.required(env, "ORDERS_STATUS_INDEX", "the name of the orders table's status/createdAt index"),
                maxPendingAge(env.get("MAX_PENDING_AGE")),
                pageSize(env.get("PAGE_SIZE")));
    }

    private static Duration maxPendingAge(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_PENDING_AGE;
        }
        try {
            Duration age = Duration.parse(value);
            if (age.compareTo(OrderExpiry.MIN_PENDING_AGE) >= 0 && age.compareTo(OrderExpiry.MAX_PENDING_AGE) <= 0) {
                return age;
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        throw new IllegalStateException("environment variable MAX_PENDING_AGE must be an ISO-8601 duration from "
                + OrderExpiry.MIN_PENDING_AGE_ISO + " to " + OrderExpiry.MAX_PENDING_AGE_ISO + " such as PT48H or P7D, but was '" + value + "'");
    }

    private static int pageSize(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1 && size <= 1000) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException("environment variable PAGE_SIZE must be a whole number from 1 to 1000, "
                + "but was '" + value + "'");
    }
}
