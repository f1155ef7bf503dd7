package dev.stratus.constructs.api;

import software.amazon.awscdk.services.apigateway.Period;

/**
 * A usage plan for the REST flavour: how fast and how much the holders of its API keys may call.
 * Keys are issued per client with {@code getUsagePlan().get().addApiKey(...)}; routes that
 * {@link ApiRoute#requireApiKey()} refuse calls without one.
 *
 * @param name        the plan's name
 * @param throttle    per-key rate and burst
 * @param quotaLimit  requests per {@code quotaPeriod}, 1 or more
 * @param quotaPeriod {@code DAY}, {@code WEEK} or {@code MONTH}
 */
public record UsagePlanOptions(String name, Throttle throttle, long quotaLimit, Period quotaPeriod) {
}
