package dev.stratus.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
    record Item(String productId, Integer quantity) {
    }

    record Order(List<Item> items, Map<String, String> notes, Boolean gift) {
    }

    @Test
    void readsAWellFormedBody() {
        Order order = Json.read("{\"items\":[{\"productId\":\"p1\",\"quantity\":2}],\"notes\":{\"door\":\"left\"},\"gift\":true}", Order.class);
        assertEquals(new Order(List.of(new Item("p1", 2)), Map.of("door", "left"), true), order);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"items\":[],\"extra\":1}|unknown field 'extra'",
            "{\"items\":[{\"productId\":\"p1\",\"quantity\":\"2\"}]}|field 'items[0].quantity' must be an integer",
            "{\"items\":[{\"productId\":7,\"quantity\":2}]}|field 'items[0].productId' must be a string",
            "{\"items\":[{\"productId\":\"p\",\"quantity\":2.5}]}|field 'items[0].quantity' must be an integer",
            "{\"items\":{\"productId\":\"p\"}}|field 'items' must be an array",
            "{\"gift\":\"yes\"}|field 'gift' must be true or false",
            "{\"notes\":{\"a\":1}}|field 'notes.a' must be a string",
            "[1,2]|the body must be an object",
            "{\"items\":[]} {}|not valid JSON",
            "{\"gift\":true,\"gift\":false}|field 'gift' is given more than once",
            "{\"items\":[{\"productId\":\"p1\",\"quantity\":1,\"quantity\":99}]}|field 'quantity' is given more than once",
            "{\"items\":[|not valid JSON",
            "null|a JSON object is required, not null",
            "   |a JSON object is required"})
    void refusesBadBodiesNamingTheField(String body, String expected) {
        ApiException e = assertThrows(ApiException.class, () -> Json.read(body, Order.class));
        assertEquals(400, e.status());
        assertTrue(e.details().get(0).startsWith(expected), "expected «" + expected + "» in " + e.details());
    }

    @Test
    void refusesDeeplyNestedJson() {
        String deep = "[".repeat(100) + "]".repeat(100);
        ApiException e = assertThrows(ApiException.class, () -> Json.read(deep, com.fasterxml.jackson.databind.JsonNode.class));
        assertEquals(List.of("the JSON is nested too deeply"), e.details());
    }
}
