package dev.stratus.functions.users;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.stratus.functions.events.TextRules;
import dev.stratus.functions.http.ApiException;

/**
 * The users service's rules, with no Lambda or HTTP types: a caller creates, reads, changes and
 * deletes only their own user, whose id is their verified identity and whose e-mail address is the
 * one their identity provider verified.
 */
public final class UsersService {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final UserStore store;
    private final Clock clock;

    public UsersService(UserStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Creates the caller's user with the address their identity provider verified
     * ({@code verifiedEmail}; empty when the token carries none); its {@code user.created} event
     * carries {@code correlationId}.
     */
    public User create(String callerId, Optional<String> verifiedEmail, UserInput input, String correlationId) {
        checkId(callerId);
        return store.create(callerId, withVerifiedEmail(input.validate(), verifiedEmail), now(), correlationId);
    }

    public User get(String callerId, String userId) {
        checkOwn(callerId, userId);
        return store.find(userId).orElseThrow(() -> ApiException.notFound("user " + userId + " does not exist"));
    }

    public User update(String callerId, String userId, Optional<String> verifiedEmail, UserInput input) {
        checkOwn(callerId, userId);
        return store.update(userId, withVerifiedEmail(input.validate(), verifiedEmail), now());
    }

    /**
     * Nobody may claim an address they have not proven: the stored address is the token's verified
     * {@code email} (403 without one), and a body {@code email} must name that same address.
     */
    static UserInput withVerifiedEmail(UserInput input, Optional<String> verifiedEmail) {
        String verified = verifiedEmail.orElseThrow(() -> ApiException.forbidden("the token carries no verified e-mail address: "
                + "send an ID token whose email_verified claim is true (a Cognito access token has no email claim)"));
        if (!TextRules.isEmailAddress(verified)) {
            throw ApiException.forbidden("the verified e-mail address of the token is not one this service accepts");
        }
        if (input.email() != null && !input.email().equalsIgnoreCase(verified)) {
            throw ApiException.badRequest("invalid user", "field 'email' must be the address your identity provider verified ("
                    + verified + "), or left out");
        }
        return new UserInput(input.name(), verified, input.avatarUrl(), input.preferences());
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
