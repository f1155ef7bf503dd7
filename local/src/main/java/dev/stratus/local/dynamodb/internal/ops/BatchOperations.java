package dev.stratus.local.dynamodb.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;

/** (Being written.) */
final class BatchOperations {
    private BatchOperations() {
    }

    static JsonNode batchGetItem(Engine engine, Request request) {
        throw ApiException.unsupported("The operation " + request.operation());
    }

    static JsonNode batchWriteItem(Engine engine, Request request) {
        throw ApiException.unsupported("The operation " + request.operation());
    }
}
