package dev.stratus.functions.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.stratus.functions.events.TextRules;
import dev.stratus.functions.http.ApiException;

/**
 * The body of a create or update: {@code {"name": ..., "email": ..., "avatarUrl": ..., "preferences": {...}}};
 * {@code email}, {@code avatarUrl} and {@code preferences} are optional. The stored address is always
 * the one the identity provider verified; {@code email}, when sent, must be that address.
 * {@link #validate()} reports every problem at once.
 */
public record UserInput(String name, String email, String avatarUrl, Map<String, String> preferences) {
    static final int MAX_NAME = TextRules.MAX_NAME;
    static final int MAX_EMAIL = TextRules.MAX_EMAIL;
    static final int MAX_PREFERENCES = 20;
    static final int MAX_PREFERENCE_KEY = 50;
    static final int MAX_PREFERENCE_VALUE = 200;
    static final int MAX_AVATAR_URL = 500;
    private static final Pattern AVATAR_URL = Pattern.compile("https://[A-Za-z0-9.-]+(:\\d{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?");
    private static final Pattern PREFERENCE_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    /** Returns this input, trimmed, or throws a 400 listing every problem. */
    public UserInput validate() {
        List<String> problems = new ArrayList<>();
        String n = name == null ? null : name.strip();
        if (n == null) {
            problems.add("field 'name' is required");
        } else if (n.isEmpty() || n.length() > MAX_NAME) {
            problems.add("field 'name' must be 1 to " + MAX_NAME + " characters, but has " + n.length());
        } else if (TextRules.firstHiddenCharacter(n) >= 0) {
            problems.add("field 'name' must not contain control or format characters, but has "
                    + TextRules.describe(TextRules.firstHiddenCharacter(n)));
        }
        String e = email == null ? null : email.strip();
        if (e == null) {
            // optional: the address is the one the identity provider verified (UsersService)
        } else if (e.length() > MAX_EMAIL) {
            problems.add("field 'email' must be at most " + MAX_EMAIL + " characters, but has " + e.length());
        } else if (!TextRules.isEmailAddress(e)) {
            problems.add("field 'email' is not an e-mail address like ada@example.com");
        }
        String avatar = avatarUrl == null ? null : avatarUrl.strip();
        if (avatar != null && (avatar.length() > MAX_AVATAR_URL || !AVATAR_URL.matcher(avatar).matches())) {
            problems.add("field 'avatarUrl' must be an https:// URL of at most " + MAX_AVATAR_URL + " characters");
        }
        Map<String, String> prefs = preferences == null ? Map.of() : preferences;
        if (prefs.size() > MAX_PREFERENCES) {
            problems.add("field 'preferences' may hold at most " + MAX_PREFERENCES + " entries, but has " + prefs.size());
        }
        prefs.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_PREFERENCE_KEY || !PREFERENCE_KEY.matcher(key).matches()) {
                problems.add("preference key '" + abbreviate(key) + "' must be 1 to " + MAX_PREFERENCE_KEY
                        + " letters, digits, '_', '.' or '-'");
            }
            if (value == null) {
                problems.add("preference '" + abbreviate(key) + "' must be a string, not null");
            } else if (value.length() > MAX_PREFERENCE_VALUE) {
                problems.add("preference '" + abbreviate(key) + "' must be at most " + MAX_PREFERENCE_VALUE + " characters");
            }
        });
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid user", problems);
        }
        return new UserInput(n, e, avatar, Map.copyOf(prefs));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
