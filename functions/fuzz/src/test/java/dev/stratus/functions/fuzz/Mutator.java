package dev.stratus.functions.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A seeded generator of hostile events: broken JSON, wrong types, nulls, huge strings, odd Unicode,
 * unknown fields, missing claims, odd path ids and query values, mangled API Gateway envelopes.
 * The same seed gives the same sequence, so a failure can be replayed.
 */
public final class Mutator {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ODD = {"", " ", "\u0000", "\u202e\u202dadmin", "😀🚀", "e\u0301\u0301\u0301", "\uFEFF", "../../etc/passwd",
            "'; DROP TABLE users;--", "<script>alert(1)</script>", "%00", "\\\\", "\"", "null", "true", "-1", "1e309",
            "9".repeat(40), "ä".repeat(300), "\t\n\r", "\uD800", "user-123", "ada@example.com", "x".repeat(70_000)};

    private final Random random;

    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    public static ObjectNode fixture(String name) {
        try (InputStream in = Mutator.class.getResourceAsStream("/events/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A mutated copy of an API Gateway HTTP API event: one to three mutations. */
    public ObjectNode httpEvent(ObjectNode base) {
        ObjectNode event = base.deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> event.put("body", body(event.path("body").asText("{}")));
                case 4 -> claims(event);
                case 5 -> map(event, "pathParameters");
                case 6 -> map(event, "queryStringParameters");
                case 7 -> {
                    event.put("isBase64Encoded", true);
                    event.put("body", odd());
                }
                case 8 -> event.set("headers", randomValue(2));
                default -> removeRandomField(event);
            }
        }
        return event;
    }

    /** A mutated message body. */
    public String body(String valid) {
        switch (random.nextInt(12)) {
            case 0:
                return garbage();
            case 1:
                return valid.substring(0, random.nextInt(Math.max(1, valid.length())));
            case 2:
            case 3:
                return replaceField(valid, randomValue(3));
            case 4:
                return replaceField(valid, NODES.textNode(odd()));
            case 5:
                return addField(valid);
            case 6:
                return removeField(valid);
            case 7:
                return "[".repeat(1 + random.nextInt(2000)) + "]".repeat(random.nextInt(2000));
            case 8:
                return List.of("null", "[]", "\"x\"", "123", "true", "{}", "").get(random.nextInt(7));
            case 9:
                return replaceField(valid, NODES.nullNode());
            case 10:
                return valid + garbage();
            default:
                return valid;
        }
    }

    /** An SQS event of one to five records whose bodies are mutated from {@code validBody}. */
    public ObjectNode sqsEvent(String validBody) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            ObjectNode record = records.addObject();
            // Lambda builds the SQS event: ids and string bodies are given; the body is what producers control
            record.put("messageId", "m-" + random.nextInt(1_000_000));
            switch (random.nextInt(8)) {
                case 0 -> record.put("body", garbage());
                case 1 -> record.put("body", body(validBody));
                default -> record.put("body", mutateEnvelope(validBody));
            }
            record.putObject("attributes").put("ApproximateReceiveCount", Integer.toString(1 + random.nextInt(5)));
        }
        return event;
    }

    /** Keeps the EventBridge wrapper and mutates the envelope inside it. */
    private String mutateEnvelope(String body) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(body);
            ObjectNode detail = (ObjectNode) event.get("detail");
            detail.put("id", "evt-" + random.nextInt(1_000));   // redeliveries of the same event happen
            if (random.nextBoolean()) {
                ObjectNode data = detail.with("data");
                List<String> fields = List.of("userId", "name", "email");
                String field = fields.get(random.nextInt(fields.size()));
                if (random.nextBoolean()) {
                    data.set(field, randomValue(2));
                } else {
                    data.remove(field);
                }
            } else if (random.nextBoolean()) {
                List<String> fields = List.of("id", "type", "source", "time", "version", "data");
                detail.set(fields.get(random.nextInt(fields.size())), randomValue(2));
            } else {
                ((ObjectNode) detail.with("data")).put("userId", "fuzz-" + random.nextInt(200));
            }
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void claims(ObjectNode event) {
        ObjectNode context = event.with("requestContext");
        switch (random.nextInt(4)) {
            case 0 -> context.remove("authorizer");
            case 1 -> context.with("authorizer").with("jwt").with("claims").remove("sub");
            case 2 -> context.with("authorizer").with("jwt").with("claims").set("sub", randomValue(1));
            default -> context.with("authorizer").with("jwt").with("claims").put("sub", odd());
        }
    }

    private void map(ObjectNode event, String field) {
        if (random.nextInt(4) == 0) {
            event.set(field, randomValue(2));
            return;
        }
        ObjectNode map = event.has(field) && event.get(field).isObject() ? (ObjectNode) event.get(field) : event.putObject(field);
        List<String> keys = new ArrayList<>();
        map.fieldNames().forEachRemaining(keys::add);
        String key = keys.isEmpty() || random.nextInt(3) == 0 ? List.of("userId", "orderId", "limit", "next").get(random.nextInt(4))
                : keys.get(random.nextInt(keys.size()));
        map.put(key, odd());
    }

    private void removeRandomField(ObjectNode event) {
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        if (!names.isEmpty()) {
            event.remove(names.get(random.nextInt(names.size())));
        }
    }

    private String replaceField(String json, JsonNode value) {
        try {
            JsonNode root = JSON.readTree(json);
            if (!(root instanceof ObjectNode object) || object.isEmpty()) {
                return json;
            }
            ObjectNode target = pickObject(object);
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            target.set(names.isEmpty() ? "name" : names.get(random.nextInt(names.size())), value);
            return JSON.writeValueAsString(object);
        } catch (IOException e) {
            return json;
        }
    }

    private String addField(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (!(root instanceof ObjectNode object)) {
                return json;
            }
            pickObject(object).set(List.of("admin", "totalCents", "id", "status", "__proto__").get(random.nextInt(5)), randomValue(1));
            return JSON.writeValueAsString(object);
        } catch (IOException e) {
            return json;
        }
    }

    private String removeField(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (!(root instanceof ObjectNode object)) {
                return json;
            }
            ObjectNode target = pickObject(object);
            Iterator<String> names = target.fieldNames();
            if (names.hasNext()) {
                target.remove(names.next());
            }
            return JSON.writeValueAsString(object);
        } catch (IOException e) {
            return json;
        }
    }

    /** The object itself, or one nested in it (items[0], preferences, ...). */
    private ObjectNode pickObject(ObjectNode root) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        return objects.get(random.nextInt(objects.size()));
    }

    private static void collect(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> collect(child, objects));
    }

    private JsonNode randomValue(int depth) {
        switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.numberNode(random.nextLong());
            case 2:
                return NODES.numberNode(random.nextDouble() * 1e12);
            case 3:
                return NODES.booleanNode(random.nextBoolean());
            case 4:
            case 5:
                return NODES.textNode(odd());
            case 6:
                return NODES.textNode(garbage());
            case 7: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(odd().length() > 20 ? "k" + i : odd(), randomValue(depth - 1));
                }
                return object;
            }
        }
    }

    private String odd() {
        return ODD[random.nextInt(ODD.length)];
    }

    private String garbage() {
        int length = random.nextInt(random.nextInt(20) == 0 ? 20_000 : 200);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append((char) (kind < 6 ? 32 + random.nextInt(95) : kind < 8 ? "{}[]\":,\\".charAt(random.nextInt(8)) : random.nextInt(0xFFFF)));
        }
        return text.toString();
    }
}
