package dev.stratus.local.dynamodb.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.stratus.local.dynamodb.internal.ApiException;

/**
 * DynamoDB's wire protocol over the JDK's HTTP server: {@code POST /} with
 * {@code X-Amz-Target: DynamoDB_20120810.<Operation>} (or {@code DynamoDBStreams_20120810.}) and a
 * JSON body; answers JSON with {@code x-amzn-RequestId} and {@code x-amz-crc32}, errors as
 * {@code {"__type": ..., "message": ...}}. The JDK's server needs no dependency, keeps connections
 * alive, and is all the SDK's HTTP/1.1 clients need.
 */
public final class HttpFront implements AutoCloseable {
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Without TCP_NODELAY, a response written as headers then body waits for the client's
        // delayed ACK (about 40 ms on Linux) on every request of a kept-alive connection.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Handler handler;
    private final URI endpoint;

    /** What answers a request: the engine, or (in the benchmark) a fixed responder. */
    @FunctionalInterface
    public interface Handler {
        /** The response body for a target and request body, or an {@link ApiException}. */
        JsonNode handle(String target, JsonNode request);
    }

    private HttpFront(Handler handler, HttpServer server, ExecutorService executor) {
        this.handler = handler;
        this.server = server;
        this.executor = executor;
        String host = server.getAddress().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        this.endpoint = URI.create("http://" + host + ":" + server.getAddress().getPort());
    }

    public static HttpFront start(Handler handler, String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        HttpFront front = new HttpFront(handler, server, executor);
        server.createContext("/", front::handle);
        server.start();
        return front;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "stratus-local-dynamodb-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                // DynamoDB answers a health check on GET /
                send(exchange, 200, "text/plain", ("healthy: stratus-local dynamodb").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body;
            int status;
            try {
                JsonNode response = handler.handle(target, parse(request));
                body = JSON.writeValueAsBytes(response);
                status = 200;
            } catch (ApiException e) {
                body = JSON.writeValueAsBytes(errorBody(e));
                status = e.status();
            } catch (RuntimeException e) {
                ApiException internal = ApiException.internal("Internal error in the local engine: " + e);
                body = JSON.writeValueAsBytes(errorBody(internal));
                status = 500;
                e.printStackTrace();
            }
            send(exchange, status, CONTENT_TYPE, body);
        }
    }

    private static JsonNode parse(byte[] request) {
        if (request.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(request);
            if (node == null || !node.isObject()) {
                throw new ApiException("SerializationException", 400, "Start of structure or map found where not expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiException("SerializationException", 400, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode errorBody(ApiException e) {
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", ApiException.NAMESPACE + e.type());
        error.put("message", e.getMessage());
        for (Map.Entry<String, JsonNode> extra : e.extra().entrySet()) {
            error.set(extra.getKey(), extra.getValue());
        }
        return error;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
