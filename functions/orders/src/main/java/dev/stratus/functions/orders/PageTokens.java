package dev.stratus.functions.orders;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.stratus.functions.http.ApiException;
import dev.stratus.functions.http.Json;
import dev.stratus.functions.orders.model.OrderTable;

/**
 * The opaque {@code next} token of a list: the last key of a page as base64url JSON, a dot, and an
 * HMAC-SHA256 of that JSON under a key only this API holds. A token whose MAC does not verify, or
 * that does not name the caller's own orders, is a 400: nobody can craft a token, not even one
 * naming themselves, and a token is bound to the caller it was issued to.
 */
final class PageTokens {
    /** HMAC-SHA256 wants a key of at least its output size. */
    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Set<String> KEY_ATTRIBUTES = Set.of(OrderTable.ORDER_ID, OrderTable.USER_ID, OrderTable.CREATED_AT);

    private final SecretKeySpec key;

    PageTokens(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("the page token key must be at least " + MIN_KEY_BYTES + " bytes, but has " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    String encode(Map<String, String> lastKey) {
        try {
            byte[] payload = Json.MAPPER.writeValueAsBytes(lastKey);
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            return base64.encodeToString(payload) + "." + base64.encodeToString(mac(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> decode(String token, String callerId) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw invalid();
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac(payload), mac)) {
            throw invalid();
        }
        Map<String, String> lastKey;
        try {
            lastKey = Json.MAPPER.readValue(new String(payload, StandardCharsets.UTF_8), new TypeReference<Map<String, String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid();
        }
        if (lastKey == null || !lastKey.keySet().equals(KEY_ATTRIBUTES) || lastKey.values().stream().anyMatch(v -> v == null || v.isEmpty())
                || !callerId.equals(lastKey.get(OrderTable.USER_ID))) {
            throw invalid();
        }
        return lastKey;
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid query", "parameter 'next' is not a token this API returned");
    }
}
