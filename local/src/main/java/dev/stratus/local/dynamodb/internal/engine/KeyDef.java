package dev.stratus.local.dynamodb.internal.engine;

import dev.stratus.local.dynamodb.internal.value.Value;

/** A key attribute: its name and scalar type (S, N or B). */
public record KeyDef(String name, Value.Type type) {
}
