package dev.stratus.functions.orders;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.stratus.functions.http.ApiException;
import dev.stratus.functions.http.Json;
import dev.stratus.functions.orders.model.OrderTable;

/**
 * The opaque {@code next} token of a list: the last key of a page, base64url-encoded JSON. A token
 * that does not decode to a key of the caller's own orders is a 400, so a crafted token can neither
 * read another user's orders nor make DynamoDB fail.
 */
final class PageToken {
    private static final Set<String> KEY_ATTRIBUTES = Set.of(OrderTable.ORDER_ID, OrderTable.USER_ID, OrderTable.CREATED_AT);

    private PageToken() {
    }

    static String encode(Map<String, String> key) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(key));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> decode(String token, String callerId) {
        Map<String, String> key;
        try {
            key = Json.MAPPER.readValue(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8),
                    new TypeReference<Map<String, String>>() { });
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid();
        }
        if (key == null || !key.keySet().equals(KEY_ATTRIBUTES) || key.values().stream().anyMatch(v -> v == null || v.isEmpty())
                || !callerId.equals(key.get(OrderTable.USER_ID))) {
            throw invalid();
        }
        return key;
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid query", "parameter 'next' is not a token this API returned");
    }
}
