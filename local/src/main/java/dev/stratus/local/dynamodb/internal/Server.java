package dev.stratus.local.dynamodb.internal;

import java.net.URI;
import java.time.Duration;

import dev.stratus.local.dynamodb.Faults;
import dev.stratus.local.dynamodb.LocalClock;
import dev.stratus.local.dynamodb.internal.engine.Engine;
import dev.stratus.local.dynamodb.internal.http.HttpFront;

/** An engine served over HTTP, with its optional time-to-live sweeper: what both entry points start. */
public final class Server implements AutoCloseable {
    private final Engine engine;
    private final HttpFront front;

    public Server(String host, int port, String region, String accountId, LocalClock clock, Duration ttlSweepInterval) {
        this.engine = new Engine(region, accountId, clock, new Faults());
        this.front = HttpFront.start(engine::handle, host, port);
        if (ttlSweepInterval != null) {
            engine.startTimeToLiveSweeper(ttlSweepInterval);
        }
    }

    public Engine engine() {
        return engine;
    }

    public URI endpoint() {
        return front.endpoint();
    }

    public int port() {
        return front.port();
    }

    @Override
    public void close() {
        front.close();
        engine.close();
    }
}
