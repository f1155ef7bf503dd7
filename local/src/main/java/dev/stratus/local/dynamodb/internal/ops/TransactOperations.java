package dev.stratus.local.dynamodb.internal.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;
import dev.stratus.local.dynamodb.internal.engine.StoreKey;
import dev.stratus.local.dynamodb.internal.engine.Table;
import dev.stratus.local.dynamodb.internal.expr.Projection;
import dev.stratus.local.dynamodb.internal.value.AttributeValues;
import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * TransactWriteItems and TransactGetItems (API Reference pages of the same names; Developer Guide,
 * "Amazon DynamoDB Transactions"). A transaction takes the write (or read) locks of all its tables
 * in table-name order, evaluates every condition against the items as they are, and either writes
 * everything or nothing. Transactions on the same tables therefore run one after another: they are
 * serializable and never fail with TransactionConflict on their own (inject
 * {@code Fault.transactionConflict()} to test that path).
 */
final class TransactOperations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_ACTIONS = 100;
    private static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    private static final Set<String> ACTION_EXTRA = Set.of();

    private TransactOperations() {
    }

    /** A successful request remembered under its ClientRequestToken. */
    private record Remembered(JsonNode items, Instant at, JsonNode response) {
    }

    /**
     * The successful requests of the last ten minutes by token, oldest first, so that expired
     * entries leave from the head in constant time per request (a scan of every remembered token on
     * each transaction made transactions four times slower than the protocol floor).
     */
    private static final class TokenCache {
        private final java.util.LinkedHashMap<String, Remembered> byToken = new java.util.LinkedHashMap<>();

        synchronized Remembered get(String token, Instant now) {
            prune(now);
            return byToken.get(token);
        }

        synchronized void put(String token, Remembered remembered, Instant now) {
            byToken.remove(token);
            byToken.put(token, remembered);
            prune(now);
        }

        private void prune(Instant now) {
            Iterator<Remembered> oldest = byToken.values().iterator();
            while (oldest.hasNext()) {
                Remembered next = oldest.next();
                if (next.at().plus(TOKEN_LIFETIME).isAfter(now)) {
                    break;
                }
                oldest.remove();
            }
        }
    }

    static JsonNode transactWriteItems(Engine engine, Request request) {
        request.allowOnly(Set.of("TransactItems", "ClientRequestToken", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics"));
        JsonNode items = request.get("TransactItems");
        checkCount(request, items);
        String token = request.string("ClientRequestToken");
        if (token != null && (token.isEmpty() || token.length() > 36)) {
            request.violation(token, "clientRequestToken", "Member must have length less than or equal to 36");
        }
        String capacity = request.oneOf("ReturnConsumedCapacity", "returnConsumedCapacity", Capacity.MODES);
        String metrics = request.oneOf("ReturnItemCollectionMetrics", "returnItemCollectionMetrics", Set.of("SIZE", "NONE"));
        request.check();
        if ("SIZE".equals(metrics)) {
            throw ApiException.unsupported("ReturnItemCollectionMetrics SIZE");
        }

        TokenCache tokens = engine.state("transact-tokens", TokenCache::new);
        Instant now = engine.clock().now();
        if (token != null) {
            Remembered earlier = tokens.get(token, now);
            if (earlier != null && earlier.at().plus(TOKEN_LIFETIME).isAfter(now)) {
                if (!earlier.items().equals(items)) {
                    throw new ApiException("IdempotentParameterMismatchException", 400,
                            "The request uses the same client token as a previous, but non-identical request.");
                }
                return earlier.response();
            }
        }

        List<WriteAction> actions = new ArrayList<>();
        Set<String> itemIds = new HashSet<>();
        long totalBytes = 0;
        for (JsonNode element : items) {
            request.allowOnly(element, Set.of("ConditionCheck", "Put", "Update", "Delete"), "TransactWriteItem");
            if (element.size() != 1) {
                throw ApiException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            }
            Map.Entry<String, JsonNode> only = element.fields().next();
            WriteAction.Kind kind;
            switch (only.getKey()) {
                case "ConditionCheck":
                    kind = WriteAction.Kind.CONDITION_CHECK;
                    break;
                case "Put":
                    kind = WriteAction.Kind.PUT;
                    break;
                case "Update":
                    kind = WriteAction.Kind.UPDATE;
                    break;
                default:
                    kind = WriteAction.Kind.DELETE;
                    break;
            }
            WriteAction action = WriteAction.parse(kind, engine, request, only.getValue(), only.getKey(), ACTION_EXTRA);
            if (!itemIds.add(action.table.name() + "\u0000" + action.storeKey())) {
                throw ApiException.validation("Transaction request cannot include multiple operations on one item");
            }
            if (action.item != null) {
                totalBytes += Values.itemSize(action.item);
            }
            actions.add(action);
        }
        if (totalBytes > MAX_TRANSACTION_BYTES) {
            throw ApiException.validation("Transaction request cannot be larger than 4 MB; the items to put add up to "
                    + totalBytes + " bytes");
        }

        List<Table> tables = new ArrayList<>();
        for (WriteAction action : actions) {
            tables.add(action.table);
        }
        Map<String, Double> units = new LinkedHashMap<>();
        List<Lock> locks = engine.lockAll(tables, true);
        try {
            for (WriteAction action : actions) {
                if (engine.findTable(action.table.name()) != action.table) {
                    throw ApiException.resourceNotFound("Requested resource not found: Table: " + action.table.name() + " not found");
                }
            }
            List<Map<String, Value>> olds = new ArrayList<>();
            List<Map<String, Value>> news = new ArrayList<>();
            ArrayNode reasons = JSON.arrayNode();
            List<String> codes = new ArrayList<>();
            boolean cancelled = false;
            Fault conflict = request.fault();
            for (WriteAction action : actions) {
                Map<String, Value> old = action.table.get(action.storeKey());
                olds.add(old);
                ObjectNode reason = reasons.addObject();
                if (conflict != null && (conflict.tables().isEmpty() || conflict.tables().contains(action.table.name()))) {
                    reason.put("Code", "TransactionConflict").put("Message", "Transaction is ongoing for the item");
                    codes.add("TransactionConflict");
                    news.add(null);
                    cancelled = true;
                    continue;
                }
                try {
                    news.add(action.apply(old));
                    reason.put("Code", "None");
                    codes.add("None");
                } catch (WriteAction.ConditionFailed e) {
                    reason.put("Code", "ConditionalCheckFailed").put("Message", "The conditional request failed");
                    if (e.returnOld && old != null) {
                        reason.set("Item", AttributeValues.toJson(old));
                    }
                    codes.add("ConditionalCheckFailed");
                    news.add(null);
                    cancelled = true;
                } catch (ApiException e) {
                    if (!"ValidationException".equals(e.type())) {
                        throw e;
                    }
                    reason.put("Code", "ValidationError").put("Message", e.getMessage());
                    codes.add("ValidationError");
                    news.add(null);
                    cancelled = true;
                }
            }
            if (cancelled) {
                throw new ApiException("TransactionCanceledException", 400,
                        "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
                        Map.of("CancellationReasons", reasons));
            }
            for (int i = 0; i < actions.size(); i++) {
                WriteAction action = actions.get(i);
                Map<String, Value> old = olds.get(i);
                Map<String, Value> fresh = news.get(i);
                if (action.kind != WriteAction.Kind.CONDITION_CHECK && !(fresh == null && old == null)) {
                    action.table.write(old, fresh, false);
                }
                units.merge(action.table.name(), 2 * Capacity.writeUnits(old, fresh), Double::sum);
            }
        } finally {
            Engine.unlockAll(locks);
        }

        ObjectNode response = JSON.objectNode();
        addCapacity(response, capacity, units);
        if (token != null) {
            tokens.put(token, new Remembered(items, now, response), now);
        }
        return response;
    }

    private static void checkCount(Request request, JsonNode items) {
        if (items == null) {
            request.violation(null, "transactItems", "Member must not be null");
        } else if (!items.isArray() || items.isEmpty()) {
            request.violation("[]", "transactItems", "Member must have length greater than or equal to 1");
        } else if (items.size() > MAX_ACTIONS) {
            request.violation("[...]", "transactItems", "Member must have length less than or equal to " + MAX_ACTIONS);
        }
    }

    private static void addCapacity(ObjectNode response, String mode, Map<String, Double> units) {
        if (mode == null || "NONE".equals(mode)) {
            return;
        }
        ArrayNode consumed = response.putArray("ConsumedCapacity");
        units.forEach((table, n) -> consumed.add(Capacity.json(mode, table, n)));
    }

    static JsonNode transactGetItems(Engine engine, Request request) {
        request.allowOnly(Set.of("TransactItems", "ReturnConsumedCapacity"));
        JsonNode items = request.get("TransactItems");
        checkCount(request, items);
        String capacity = request.oneOf("ReturnConsumedCapacity", "returnConsumedCapacity", Capacity.MODES);
        request.check();

        List<Table> tables = new ArrayList<>();
        List<StoreKey> keys = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        for (JsonNode element : items) {
            request.allowOnly(element, Set.of("Get"), "TransactGetItem");
            JsonNode get = element.get("Get");
            if (get == null || get.isNull()) {
                throw ApiException.validation("1 validation error detected: Value null at 'transactItems.member.get' "
                        + "failed to satisfy constraint: Member must not be null");
            }
            request.allowOnly(get, Set.of("TableName", "Key", "ProjectionExpression", "ExpressionAttributeNames"), "Get");
            String tableName = request.string(get, "TableName");
            request.validateTableName(tableName, "tableName");
            if (get.get("Key") == null || get.get("Key").isNull()) {
                request.violation(null, "key", "Member must not be null");
            }
            request.check();
            Projection projection = ItemOperations.projection(request, get);
            Table table = engine.table(tableName);
            Map<String, Value> key = Request.item(get.get("Key"));
            ItemRules.checkKey(table.schema(), key);
            tables.add(table);
            keys.add(table.keyOf(key));
            projections.add(projection);
        }

        Fault conflict = request.fault();
        if (conflict != null) {
            ArrayNode reasons = JSON.arrayNode();
            List<String> codes = new ArrayList<>();
            for (Table table : tables) {
                boolean hit = conflict.tables().isEmpty() || conflict.tables().contains(table.name());
                ObjectNode reason = reasons.addObject().put("Code", hit ? "TransactionConflict" : "None");
                if (hit) {
                    reason.put("Message", "Transaction is ongoing for the item");
                }
                codes.add(hit ? "TransactionConflict" : "None");
            }
            throw new ApiException("TransactionCanceledException", 400,
                    "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
                    Map.of("CancellationReasons", reasons));
        }

        ObjectNode response = JSON.objectNode();
        ArrayNode responses = response.putArray("Responses");
        Map<String, Double> units = new LinkedHashMap<>();
        List<Lock> locks = engine.lockAll(tables, false);
        try {
            for (int i = 0; i < tables.size(); i++) {
                Map<String, Value> item = tables.get(i).get(keys.get(i));
                ObjectNode entry = responses.addObject();
                if (item != null) {
                    Projection projection = projections.get(i);
                    entry.set("Item", AttributeValues.toJson(projection == null ? item : projection.apply(item)));
                }
                units.merge(tables.get(i).name(), 2 * Capacity.readUnits(item == null ? 0 : Values.itemSize(item), true),
                        Double::sum);
            }
        } finally {
            Engine.unlockAll(locks);
        }
        addCapacity(response, capacity, units);
        return response;
    }
}
