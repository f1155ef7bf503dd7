package dev.stratus.functions.users;

import java.util.Map;

/** A user as the API returns it. {@code id} is the caller's verified JWT subject. */
public record User(String id, String name, String email, String avatarUrl, Map<String, String> preferences,
                   String createdAt, String updatedAt) {
}
