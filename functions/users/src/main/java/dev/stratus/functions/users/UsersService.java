package dev.stratus.functions.users;

import java.time.Clock;
import java.util.regex.Pattern;

import dev.stratus.functions.http.ApiException;

/**
 * The users service's rules, with no Lambda or HTTP types: a caller creates, reads, changes and
 * deletes only their own user, whose id is their verified identity.
 */
public final class UsersService {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final UserStore store;
    private final Clock clock;

    public UsersService(UserStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public User create(String callerId, UserInput input) {
        checkId(callerId);
        return store.create(callerId, input.validate(), now());
    }

    public User get(String callerId, String userId) {
        checkOwn(callerId, userId);
        return store.find(userId).orElseThrow(() -> ApiException.notFound("user " + userId + " does not exist"));
    }

    public User update(String callerId, String userId, UserInput input) {
        checkOwn(callerId, userId);
        return store.update(userId, input.validate(), now());
    }

    public void delete(String callerId, String userId) {
        checkOwn(callerId, userId);
        store.delete(userId);
    }

    /** 400 for a malformed id, 403 for someone else's: checked before anything is read. */
    private static void checkOwn(String callerId, String userId) {
        checkId(userId);
        if (!userId.equals(callerId)) {
            throw ApiException.forbidden("you may only access your own user");
        }
    }

    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid path", "user id must be 1 to 128 letters, digits, '_' or '-'");
        }
    }

    private String now() {
        return clock.instant().toString();
    }
}
