package dev.stratus.functions.bootstrap;

import java.util.Map;

/** Reads a function's configuration from its environment; a missing value fails initialization, naming it. */
public final class Env {
    private Env() {
    }

    /** The value of {@code name}, or an {@link IllegalStateException} when it is unset or blank. */
    public static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return value;
    }

    /** As {@link #required(Map, String)}, with what the variable is for in the message. */
    public static String required(Map<String, String> env, String name, String what) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required (" + what + ")");
        }
        return value;
    }
}
