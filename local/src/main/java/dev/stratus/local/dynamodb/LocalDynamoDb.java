package dev.stratus.local.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import dev.stratus.local.dynamodb.internal.Server;
import dev.stratus.local.dynamodb.internal.engine.Engine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClientBuilder;

/**
 * An in-memory DynamoDB that speaks DynamoDB's wire protocol (JSON 1.0 over HTTP, and DynamoDB
 * Streams' on the same endpoint) on a loopback port, for the unmodified AWS SDK:
 *
 * <pre>{@code
 * try (LocalDynamoDb db = LocalDynamoDb.start()) {
 *     DynamoDbClient dynamo = db.client();          // or your own builder with endpointOverride(db.endpoint())
 *     ...
 * }
 * }</pre>
 *
 * <p>Everything lives in memory and is gone after {@link #close()}. The client factories need the
 * AWS SDK's {@code dynamodb} module and an HTTP client on the class path (the engine itself does
 * not). Tests control time through {@link #clock()} and inject failures through {@link #faults()}.
 */
public final class LocalDynamoDb implements AutoCloseable {
    /** Credentials the engine accepts (it checks none). */
    public static final String ACCESS_KEY = "local";

    private final Options options;
    private final Server server;
    private final Engine engine;

    private LocalDynamoDb(Options options) {
        this.options = options;
        this.server = new Server(options.host, options.port, options.region, options.accountId, options.clock,
                options.ttlSweepInterval);
        this.engine = server.engine();
    }

    /** Starts an engine on 127.0.0.1 and a free port. */
    public static LocalDynamoDb start() {
        return start(Options.builder().build());
    }

    /**
     * Starts an engine with these options.
     * @param options host, port, region and clock
     * @return the running engine; close it to stop it
     */
    public static LocalDynamoDb start(Options options) {
        return new LocalDynamoDb(Objects.requireNonNull(options, "options"));
    }

    /** {@code http://127.0.0.1:PORT}: what {@code endpointOverride} and {@code AWS_ENDPOINT_URL_DYNAMODB} take. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** The loopback port the engine listens on. */
    public int port() {
        return server.port();
    }

    /** The region the engine reports. Default: {@code us-east-1}. */
    public String region() {
        return options.region;
    }

    /** A client for this engine, on the SDK's default HTTP client. */
    public DynamoDbClient client() {
        return clientBuilder().build();
    }

    /** A client builder with endpoint, region and credentials set; add your HTTP client or overrides. */
    public DynamoDbClientBuilder clientBuilder() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(options.region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)));
    }

    /** A DynamoDB Streams client for this engine, on the SDK's default HTTP client. */
    public DynamoDbStreamsClient streamsClient() {
        return streamsClientBuilder().build();
    }

    /** A DynamoDB Streams client builder with endpoint, region and credentials set; add your HTTP client or overrides. */
    public DynamoDbStreamsClientBuilder streamsClientBuilder() {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(options.region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)));
    }

    /** The clock that time to live, stream records and creation times read. */
    public LocalClock clock() {
        return options.clock;
    }

    /** Failures to inject into chosen requests. */
    public Faults faults() {
        return engine.faults();
    }

    /**
     * Deletes every item whose time-to-live attribute is before {@link #clock()}'s now, in tables
     * with time to live enabled, as DynamoDB's background process does (writing service-deletion
     * REMOVE records to the table's stream). Returns how many items it deleted.
     */
    public int expireTimeToLive() {
        return engine.expireTimeToLive();
    }

    /**
     * How many item writes (puts, updates and deletes that wrote or removed an item, each item of a
     * batch or transaction counted once) the engine committed since it started: a cheap way to
     * assert that a request wrote nothing.
     */
    public long changeCount() {
        return engine.changeCount();
    }

    /** Deletes every table. */
    public void reset() {
        engine.reset();
    }

    @Override
    public void close() {
        server.close();
    }

    /** How to start an engine. */
    public static final class Options {
        private final String host;
        private final int port;
        private final String region;
        private final String accountId;
        private final LocalClock clock;
        private final Duration ttlSweepInterval;

        private Options(Builder b) {
            this.host = b.host;
            this.port = b.port;
            this.region = b.region;
            this.accountId = b.accountId;
            this.clock = b.clock;
            this.ttlSweepInterval = b.ttlSweepInterval;
        }

        /** Starts a builder; every prop not set keeps the default its getter documents. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds {@link Options}; every option not set keeps its default. */
        public static final class Builder {
            private String host = "127.0.0.1";
            private int port;
            private String region = "us-east-1";
            private String accountId = "000000000000";
            private LocalClock clock = new LocalClock();
            private Duration ttlSweepInterval;

            /** The address to listen on. Default: 127.0.0.1 (loopback only). */
            public Builder host(String host) {
                this.host = Objects.requireNonNull(host, "host");
                return this;
            }

            /** The port. Default: 0, a free port chosen by the system. */
            public Builder port(int port) {
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
                }
                this.port = port;
                return this;
            }

            /** The region in ARNs. Default: us-east-1. */
            public Builder region(String region) {
                this.region = Objects.requireNonNull(region, "region");
                return this;
            }

            /** The account id in ARNs. Default: 000000000000. */
            public Builder accountId(String accountId) {
                if (accountId == null || !accountId.matches("[0-9]{12}")) {
                    throw new IllegalArgumentException("accountId must be 12 digits, but was " + accountId);
                }
                this.accountId = accountId;
                return this;
            }

            /** The clock. Default: a new {@link LocalClock} following the system clock. */
            public Builder clock(LocalClock clock) {
                this.clock = Objects.requireNonNull(clock, "clock");
                return this;
            }

            /**
             * Expire time-to-live items in the background at this interval. Default: never in the
             * background, only when {@link LocalDynamoDb#expireTimeToLive()} is called (tests stay
             * deterministic); the standalone server ({@link Main}) sweeps every second.
             */
            public Builder ttlSweepInterval(Duration interval) {
                if (interval != null && (interval.isZero() || interval.isNegative())) {
                    throw new IllegalArgumentException("ttlSweepInterval must be positive, but was " + interval);
                }
                this.ttlSweepInterval = interval;
                return this;
            }

            /** Builds the immutable {@link Options}. */
            public Options build() {
                return new Options(this);
            }
        }
    }
}
