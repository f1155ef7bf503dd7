package dev.stratus.functions.expireorders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The run's input, the schedule's JSON payload: {@code {"maxPendingAge": "PT48H"}}. Every field is
 * optional; an empty body, {@code null} or {@code {}} means the configured defaults. Anything else
 * is refused before a single DynamoDB call, with a message naming each problem.
 */
public record ExpiryRequest(Duration maxPendingAge) {
    /** Far more than the payload needs; bounds what a misconfigured trigger can make us parse. */
    static final int MAX_INPUT_BYTES = 8192;
    static final String EXAMPLE = "{\"maxPendingAge\":\"PT48H\"}";
    /** Strict: {@code {"maxPendingAge":"PT1H","maxPendingAge":"P30D"}} or {@code {} {}} is refused, not half read. */
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    public static ExpiryRequest parse(byte[] input, Duration defaultMaxPendingAge) {
        if (input.length > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException("input is larger than the " + MAX_INPUT_BYTES
                    + " bytes accepted; send an object like " + EXAMPLE);
        }
        String text = new String(input, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return new ExpiryRequest(defaultMaxPendingAge);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("input is not valid JSON (" + e.getOriginalMessage()
                    + "); send an object like " + EXAMPLE);
        }
        if (root == null || root.isNull()) {
            return new ExpiryRequest(defaultMaxPendingAge);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("input must be a JSON object like " + EXAMPLE + ", but was " + kind(root));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("maxPendingAge")) {
                problems.add("unknown field '" + name + "' (the only field is maxPendingAge)");
            }
        }
        Duration age = defaultMaxPendingAge;
        JsonNode ageNode = root.get("maxPendingAge");
        if (ageNode != null && !ageNode.isNull()) {
            if (!ageNode.isTextual()) {
                problems.add("maxPendingAge must be an ISO-8601 duration string like PT48H or P7D, but was " + kind(ageNode));
            } else {
                try {
                    age = Duration.parse(ageNode.asText());
                    if (age.isNegative() || age.isZero()) {
                        problems.add("maxPendingAge must be positive, but was " + ageNode.asText());
                    } else if (age.compareTo(OrderExpiry.MIN_PENDING_AGE) < 0) {
                        problems.add("maxPendingAge must be at least " + OrderExpiry.MIN_PENDING_AGE_ISO
                                + " (younger orders may still be paid for), but was " + ageNode.asText());
                    } else if (age.compareTo(OrderExpiry.MAX_PENDING_AGE) > 0) {
                        problems.add("maxPendingAge must be at most " + OrderExpiry.MAX_PENDING_AGE_ISO
                                + " (ten years), but was " + ageNode.asText());
                    }
                } catch (DateTimeParseException e) {
                    problems.add("maxPendingAge '" + ageNode.asText() + "' is not an ISO-8601 duration; e.g. PT48H or P7D");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid input: " + String.join("; ", problems) + ". Example: " + EXAMPLE);
        }
        return new ExpiryRequest(age);
    }

    /** What was sent instead, with the value itself (cut short) so the caller can find it. */
    private static String kind(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
        String value = node.toString();
        return kind + " (" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + ")";
    }
}
