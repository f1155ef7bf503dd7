package dev.stratus.functions.orderstats;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads DynamoDB's JSON attribute values ({@code {"S": "x"}}, {@code {"M": {...}}}), as a stream event carries them. */
final class AttributeJson {
    private AttributeJson() {
    }

    /** An item (attribute name to value), or null for a missing or null node. */
    static Map<String, AttributeValue> item(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("an image is not a JSON object");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            item.put(e.getKey(), value(e.getValue()));
        }
        return item;
    }

    static AttributeValue value(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("an attribute value is not an object with one type key");
        }
        Map.Entry<String, JsonNode> typed = node.fields().next();
        JsonNode v = typed.getValue();
        AttributeValue.Builder b = AttributeValue.builder();
        return switch (typed.getKey()) {
            case "S" -> b.s(v.asText()).build();
            case "N" -> b.n(v.asText()).build();
            case "B" -> b.b(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText()))).build();
            case "BOOL" -> b.bool(v.asBoolean()).build();
            case "NULL" -> b.nul(true).build();
            case "SS" -> b.ss(texts(v)).build();
            case "NS" -> b.ns(texts(v)).build();
            case "BS" -> b.bs(texts(v).stream().map(t -> SdkBytes.fromByteArray(Base64.getDecoder().decode(t))).toList()).build();
            case "M" -> b.m(item(v)).build();
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(element -> list.add(value(element)));
                yield b.l(list).build();
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + typed.getKey());
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
