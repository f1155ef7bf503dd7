package dev.stratus.local.dynamodb.internal.engine;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.local.dynamodb.Faults;
import dev.stratus.local.dynamodb.LocalClock;
import dev.stratus.local.dynamodb.internal.ApiException;

/** The engine: tables and the operations on them. (Being written.) */
public final class Engine implements AutoCloseable {
    private final Faults faults;

    public Engine(String region, String accountId, LocalClock clock, Faults faults) {
        this.faults = faults;
    }

    public JsonNode handle(String target, JsonNode request) {
        throw ApiException.unsupported(String.valueOf(target));
    }

    public Faults faults() {
        return faults;
    }

    public void startTimeToLiveSweeper(Duration interval) {
    }

    public int expireTimeToLive() {
        return 0;
    }

    public long changeCount() {
        return 0;
    }

    public void reset() {
    }

    @Override
    public void close() {
    }
}
