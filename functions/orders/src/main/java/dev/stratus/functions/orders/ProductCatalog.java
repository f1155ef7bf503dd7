package dev.stratus.functions.orders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Prices from the products table (key {@code productId}; {@code name} S, {@code priceCents} N),
 * read with strongly consistent BatchGetItem; unprocessed keys are retried a bounded number of times.
 */
public final class ProductCatalog {
    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public ProductCatalog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The products among {@code ids} that exist, by id. */
    public Map<String, Product> find(Set<String> ids) {
        Map<String, Product> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        ids.forEach(id -> keys.add(Map.of("productId", AttributeValue.builder().s(id).build())));
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; attempt < ATTEMPTS && !request.isEmpty() && !keys.isEmpty(); attempt++) {
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(current));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                Product product = new Product(item.get("productId").s(), item.get("name").s(), Long.parseLong(item.get("priceCents").n()));
                found.put(product.productId(), product);
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        if (!request.isEmpty()) {
            throw new IllegalStateException("the products table did not answer for every key after " + ATTEMPTS + " attempts");
        }
        return found;
    }
}
