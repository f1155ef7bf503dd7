package dev.stratus.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class HttpFunctionTest {
    final List<String> logs = new ArrayList<>();

    /** A function with one route that answers, one that refuses, and one that breaks. */
    final HttpFunction function = new HttpFunction() {
        final Router router = new Router()
                .on("GET", "/users/{userId}", r -> HttpResponse.ok(Map.of("id", r.pathParameter("userId"))))
                .on("DELETE", "/users/{userId}", r -> {
                    throw ApiException.forbidden("you may delete only yourself");
                })
                .on("PUT", "/users/{userId}", r -> {
                    throw new IllegalStateException("table orders-internal-7 is gone");
                });

        @Override
        protected HttpResponse handle(HttpRequest request) {
            return router.route(request);
        }
    };

    JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context());
        return Json.MAPPER.readTree(out.toByteArray());
    }

    JsonNode invoke(ObjectNode event) throws Exception {
        return invoke(Json.MAPPER.writeValueAsString(event));
    }

    static ObjectNode withRoute(String method, String routeKey) {
        ObjectNode event = Events.load("http-api-get-user.json");
        event.put("routeKey", routeKey);
        ((ObjectNode) event.path("requestContext").path("http")).put("method", method);
        return event;
    }

    @Test
    void answersWithJson() throws Exception {
        JsonNode response = invoke(Events.load("http-api-get-user.json"));
        assertEquals(200, response.get("statusCode").asInt());
        assertEquals("application/json", response.get("headers").get("content-type").asText());
        assertEquals("{\"id\":\"user-123\"}", response.get("body").asText());
    }

    @Test
    void aRefusalIsA4xxWithErrorAndDetails() throws Exception {
        JsonNode response = invoke(withRoute("DELETE", "DELETE /users/{userId}"));
        assertEquals(403, response.get("statusCode").asInt());
        assertEquals("{\"error\":\"forbidden\",\"details\":[\"you may delete only yourself\"]}", response.get("body").asText());
    }

    @Test
    void aFailureIsA500WithACorrelationIdAndNoInternals() throws Exception {
        JsonNode response = invoke(withRoute("PUT", "PUT /users/{userId}"));
        assertEquals(500, response.get("statusCode").asInt());
        assertEquals("{\"error\":\"internal error\",\"details\":[\"correlation id CZ7vbh-0FiAEJgw=\"]}", response.get("body").asText());
        assertFalse(response.toString().contains("orders-internal-7"));
        assertTrue(logs.stream().anyMatch(l -> l.contains("CZ7vbh-0FiAEJgw=") && l.contains("orders-internal-7")), logs.toString());
    }

    /** A quote, a backslash and a line break in a request id: a concatenated log line took them as its own syntax. */
    static final String FORGER = "x\",\"admin\":true,\"y\":\"\\\n{\"forged\":1}";

    static ObjectNode withRequestId(ObjectNode event, String requestId) {
        ((ObjectNode) event.path("requestContext")).put("requestId", requestId);
        return event;
    }

    /** The log lines without the level prefix this test's logger adds, each checked as a JSON line of the agreed shape. */
    List<JsonNode> logLines(String level, java.util.Set<String> fields) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs) {
            assertTrue(line.startsWith(level + " "), line);
            lines.add(dev.stratus.functions.testing.TelemetryAssertions.assertLogLine(line.substring(level.length() + 1), level, fields));
        }
        return lines;
    }

    @Test
    void aRequestIdWithAQuoteCannotForgeAFieldOfTheRefusalLine() throws Exception {
        invoke(withRequestId(withRoute("DELETE", "DELETE /users/{userId}"), "x\",\"admin\":true,\"y\":\"z"));
        JsonNode line = logLines("INFO", java.util.Set.of("status", "route", "problem")).get(0);
        assertEquals("x\",\"admin\":true,\"y\":\"z", line.get("correlationId").asText());
        assertEquals(403, line.get("status").asInt());
        assertFalse(line.has("admin"));
    }

    @Test
    void aRequestIdWithAQuoteBackslashAndLineBreakStaysInTheFailureLine() throws Exception {
        invoke(withRequestId(withRoute("PUT", "PUT /users/{userId}"), FORGER));
        JsonNode line = logLines("ERROR", java.util.Set.of("status", "route", "failure")).get(0);
        assertEquals(FORGER, line.get("correlationId").asText());
        assertEquals(500, line.get("status").asInt());
        assertTrue(line.get("failure").asText().contains("orders-internal-7"));
        assertEquals(1, logs.size());
    }

    @Test
    void aWellFormedCorrelationIdHeaderIsTheCorrelationIdOfLogsAndAnswer() throws Exception {
        ObjectNode event = withRoute("PUT", "PUT /users/{userId}");
        ((ObjectNode) event.path("headers")).put("X-Correlation-Id", "upstream-trace-42");
        JsonNode response = invoke(event);
        assertEquals("{\"error\":\"internal error\",\"details\":[\"correlation id upstream-trace-42\"]}", response.get("body").asText());
        assertEquals("upstream-trace-42", logLines("ERROR", java.util.Set.of("status", "route", "failure")).get(0).get("correlationId").asText());
    }

    @Test
    void aMalformedCorrelationIdHeaderIsIgnoredForTheRequestId() throws Exception {
        ObjectNode event = withRoute("DELETE", "DELETE /users/{userId}");
        ((ObjectNode) event.path("headers")).put("x-correlation-id", FORGER);
        invoke(event);
        assertEquals("CZ7vbh-0FiAEJgw=", logLines("INFO", java.util.Set.of("status", "route", "problem")).get(0).get("correlationId").asText());
    }

    @Test
    void anotherMethodOnAKnownPathIs405WithAllow() throws Exception {
        JsonNode response = invoke(withRoute("POST", "POST /users/{userId}"));
        assertEquals(405, response.get("statusCode").asInt());
        assertEquals("DELETE, GET, PUT", response.get("headers").get("allow").asText());
    }

    @Test
    void anUnknownRouteIs404() throws Exception {
        JsonNode response = invoke(withRoute("GET", "GET /orders"));
        assertEquals(404, response.get("statusCode").asInt());
    }

    @Test
    void anEventThatIsNotJsonIs400() throws Exception {
        JsonNode response = invoke("{not json");
        assertEquals(400, response.get("statusCode").asInt());
        assertEquals("{\"error\":\"invalid event\",\"details\":[\"the event is not JSON\"]}", response.get("body").asText());
    }

    Context context() {
        return new Context() {
            public String getAwsRequestId() {
                return "lambda-request-1";
            }

            public String getLogGroupName() {
                return "g";
            }

            public String getLogStreamName() {
                return "s";
            }

            public String getFunctionName() {
                return "users";
            }

            public String getFunctionVersion() {
                return "1";
            }

            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:eu-central-1:111122223333:function:users:live";
            }

            public CognitoIdentity getIdentity() {
                return null;
            }

            public ClientContext getClientContext() {
                return null;
            }

            public int getRemainingTimeInMillis() {
                return 10_000;
            }

            public int getMemoryLimitInMB() {
                return 1024;
            }

            public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    public void log(String message) {
                        logs.add(message);
                    }

                    public void log(byte[] message) {
                        logs.add(new String(message, StandardCharsets.UTF_8));
                    }

                    public void log(String message, LogLevel level) {
                        logs.add(level + " " + message);
                    }
                };
            }
        };
    }
}
