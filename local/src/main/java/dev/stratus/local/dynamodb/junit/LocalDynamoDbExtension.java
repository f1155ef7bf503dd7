package dev.stratus.local.dynamodb.junit;

import java.util.Objects;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * JUnit 5: one local DynamoDB engine per test class (shared with its {@code @Nested} classes),
 * started before the first test and stopped after the last. Test and lifecycle methods and
 * constructors can take a {@link LocalDynamoDb}, a {@link DynamoDbClient} or a
 * {@link DynamoDbStreamsClient} parameter:
 *
 * <pre>{@code
 * @ExtendWith(LocalDynamoDbExtension.class)
 * class OrdersHandlerTest {
 *     @Test
 *     void storesTheOrder(DynamoDbClient dynamo) { ... }
 * }
 * }</pre>
 *
 * or, to reach the engine from fields and to delete every table after each test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create().resetAfterEach();
 * ... DYNAMO.client() ... DYNAMO.db().endpoint() ...
 * }</pre>
 *
 * The clients use the SDK's default HTTP client (the one on your class path).
 */
public final class LocalDynamoDbExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalDynamoDbExtension.class);

    private final boolean resetAfterEach;
    private volatile Engine engine;

    /** Used by {@code @ExtendWith}: no reset between tests. */
    public LocalDynamoDbExtension() {
        this(false);
    }

    private LocalDynamoDbExtension(boolean resetAfterEach) {
        this.resetAfterEach = resetAfterEach;
    }

    /**
     * An extension with default options, for {@code @RegisterExtension}.
     * @return the extension
     */
    public static LocalDynamoDbExtension create() {
        return new LocalDynamoDbExtension(false);
    }

    /** The same extension, deleting every table after each test. */
    public LocalDynamoDbExtension resetAfterEach() {
        return new LocalDynamoDbExtension(true);
    }

    /** The engine of the running test class. */
    public LocalDynamoDb db() {
        return started().db;
    }

    /** A client of the running test class's engine (one per engine, closed with it). */
    public DynamoDbClient client() {
        return started().client();
    }

    /**
     * A DynamoDB Streams client for the running engine.
     * @return the client, closed with the engine
     */
    public DynamoDbStreamsClient streamsClient() {
        return started().streamsClient();
    }

    private Engine started() {
        Engine current = engine;
        if (current == null) {
            throw new IllegalStateException("The local DynamoDB engine starts before the test class's first test "
                    + "(use it from tests or @BeforeAll methods, not static initializers)");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = context.getStore(NAMESPACE).getOrComputeIfAbsent(Engine.class, key -> new Engine(LocalDynamoDb.start()), Engine.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (resetAfterEach) {
            engine(context).db.reset();
        }
    }

    private Engine engine(ExtensionContext context) {
        Engine found = context.getStore(NAMESPACE).get(Engine.class, Engine.class);
        return Objects.requireNonNull(found, "no local DynamoDB engine in this context");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalDynamoDb.class || type == DynamoDbClient.class || type == DynamoDbStreamsClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Engine found = engine(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalDynamoDb.class) {
            return found.db;
        }
        return type == DynamoDbClient.class ? found.client() : found.streamsClient();
    }

    /** An engine and its clients, closed when the class's context closes. */
    private static final class Engine implements ExtensionContext.Store.CloseableResource {
        private final LocalDynamoDb db;
        private DynamoDbClient client;
        private DynamoDbStreamsClient streamsClient;

        Engine(LocalDynamoDb db) {
            this.db = db;
        }

        synchronized DynamoDbClient client() {
            if (client == null) {
                client = db.client();
            }
            return client;
        }

        synchronized DynamoDbStreamsClient streamsClient() {
            if (streamsClient == null) {
                streamsClient = db.streamsClient();
            }
            return streamsClient;
        }

        @Override
        public synchronized void close() {
            if (client != null) {
                client.close();
            }
            if (streamsClient != null) {
                streamsClient.close();
            }
            db.close();
        }
    }
}
