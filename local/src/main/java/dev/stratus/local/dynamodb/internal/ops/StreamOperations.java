package dev.stratus.local.dynamodb.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;

/** (Being written.) */
final class StreamOperations {
    private StreamOperations() {
    }

    static JsonNode listStreams(Engine engine, Request request) {
        throw ApiException.unsupported("The operation " + request.operation());
    }

    static JsonNode describeStream(Engine engine, Request request) {
        throw ApiException.unsupported("The operation " + request.operation());
    }

    static JsonNode getShardIterator(Engine engine, Request request) {
        throw ApiException.unsupported("The operation " + request.operation());
    }

    static JsonNode getRecords(Engine engine, Request request) {
        throw ApiException.unsupported("The operation " + request.operation());
    }
}
