package dev.stratus.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class HttpRequestTest {

    @Test
    void readsTheApiGatewayEvent() {
        HttpRequest request = HttpRequest.fromEvent(Events.load("http-api-get-user.json"), 1024);
        assertEquals("GET", request.method());
        assertEquals("GET /users/{userId}", request.routeKey());
        assertEquals(Map.of("userId", "user-123"), request.pathParameters());
        assertEquals(Map.of("verbose", "true"), request.query());
        assertEquals("CZ7vbh-0FiAEJgw=", request.requestId());
        assertEquals("", request.body());
    }

    @Test
    void theCallerIsTheVerifiedSubClaimNeverAHeader() {
        HttpRequest request = HttpRequest.fromEvent(Events.load("http-api-get-user.json"), 1024);
        assertEquals("someone-else", request.headers().get("x-user-id"));
        assertEquals(Optional.of("user-123"), request.callerId());
        assertEquals("user-123", request.requireCaller());
    }

    @Test
    void aRequestWithoutClaimsHasNoCaller() {
        ObjectNode event = Events.load("http-api-get-user.json");
        ((ObjectNode) event.path("requestContext")).remove("authorizer");
        ApiException e = assertThrows(ApiException.class, () -> HttpRequest.fromEvent(event, 1024).requireCaller());
        assertEquals(401, e.status());
    }

    @Test
    void aSubClaimNoKeyCanHoldIs401() {
        for (String sub : List.of("x".repeat(129), "user 1", "ü-user", "\u0000")) {
            ObjectNode event = Events.load("http-api-get-user.json");
            ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims")).put("sub", sub);
            ApiException e = assertThrows(ApiException.class, () -> HttpRequest.fromEvent(event, 1024).requireCaller());
            assertEquals(401, e.status());
            assertEquals(List.of("the JWT sub claim is not a usable id (1 to 128 printable ASCII characters)"), e.details());
        }
    }

    @Test
    void nonStringClaimsAreNotTrusted() {
        ObjectNode event = Events.load("http-api-get-user.json");
        ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims")).put("sub", 42);
        assertEquals(Optional.empty(), HttpRequest.fromEvent(event, 1024).callerId());
    }

    @Test
    void decodesBase64Bodies() {
        ObjectNode event = Events.load("http-api-get-user.json");
        event.put("body", Base64.getEncoder().encodeToString("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        assertEquals("{\"name\":\"Ada\"}", HttpRequest.fromEvent(event, 1024).body());
        event.put("body", "%%%not base64");
        assertEquals(List.of("the body is marked base64 but is not"),
                assertThrows(ApiException.class, () -> HttpRequest.fromEvent(event, 1024)).details());
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        ObjectNode event = Events.load("http-api-get-user.json");
        event.put("body", "x".repeat(1025));
        ApiException e = assertThrows(ApiException.class, () -> HttpRequest.fromEvent(event, 1024));
        assertEquals(413, e.status());
        assertEquals(List.of("the body is 1025 bytes; at most 1024 are accepted"), e.details());
    }

    @Test
    void refusesWhatIsNotAnHttpApiEvent() {
        ApiException notObject = assertThrows(ApiException.class, () -> HttpRequest.fromEvent(Json.MAPPER.createArrayNode(), 1024));
        assertEquals(400, notObject.status());
        ObjectNode event = Events.load("http-api-get-user.json");
        event.remove("routeKey");
        ApiException noRoute = assertThrows(ApiException.class, () -> HttpRequest.fromEvent(event, 1024));
        assertTrue(noRoute.details().get(0).contains("requestContext.http.method and routeKey are required"));
    }

    @Test
    void aMissingPathParameterIsA400() {
        ObjectNode event = Events.load("http-api-get-user.json");
        event.remove("pathParameters");
        ApiException e = assertThrows(ApiException.class, () -> HttpRequest.fromEvent(event, 1024).pathParameter("userId"));
        assertEquals(List.of("path parameter userId is missing"), e.details());
    }

    static HttpRequest withBody(String contentType, String body) {
        ObjectNode event = Events.load("http-api-get-user.json");
        ObjectNode headers = (ObjectNode) event.path("headers");
        if (contentType == null) {
            headers.remove("content-type");
        } else {
            headers.put("content-type", contentType);
        }
        event.put("body", body);
        return HttpRequest.fromEvent(event, 1024);
    }

    record Note(String text) {
    }

    @Test
    void aBodyThatIsNotDeclaredAsJsonIs415BeforeItIsParsed() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
                "application/jsonp", null}) {
            ApiException e = assertThrows(ApiException.class, () -> withBody(type, "{\"text\":\"hi\"}").jsonBody(Note.class), type);
            assertEquals(415, e.status(), type);
        }
        assertEquals(List.of("the body must be sent as content-type application/json, not 'text/plain'"),
                assertThrows(ApiException.class, () -> withBody("text/plain", "{}").jsonBody(Note.class)).details());
        for (String type : new String[] {"application/json", "Application/JSON; charset=UTF-8", "application/json;charset=\"utf-8\""}) {
            assertEquals(new Note("hi"), withBody(type, "{\"text\":\"hi\"}").jsonBody(Note.class), type);
        }
        assertEquals(400, assertThrows(ApiException.class, () -> withBody(null, "").jsonBody(Note.class)).status(),
                "no body at all is the 400 of a missing body");
    }

    @Test
    void theVerifiedEmailIsTheEmailClaimOnlyWhenTheProviderVerifiedIt() {
        ObjectNode event = Events.load("http-api-get-user.json");
        ObjectNode claims = (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
        claims.put("email", "ada@example.com");
        assertEquals(Optional.empty(), HttpRequest.fromEvent(event, 1024).verifiedEmail(), "no email_verified claim");
        claims.put("email_verified", "false");
        assertEquals(Optional.empty(), HttpRequest.fromEvent(event, 1024).verifiedEmail());
        claims.put("email_verified", "true");
        assertEquals(Optional.of("ada@example.com"), HttpRequest.fromEvent(event, 1024).verifiedEmail());
    }
}
