package dev.stratus.local.dynamodb.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;

/** (Being written.) */
final class ReadOperations {
    private ReadOperations() {
    }

    static JsonNode query(Engine engine, Request request) {
        throw ApiException.unsupported("The operation " + request.operation());
    }

    static JsonNode scan(Engine engine, Request request) {
        throw ApiException.unsupported("The operation " + request.operation());
    }
}
