package dev.stratus.functions.events;

import java.util.regex.Pattern;

/**
 * The rules for text that ends up in front of people or in mail headers, in one place: the users
 * service applies them to what it accepts, and the consumers of {@code user.created} apply them
 * again to what they consume (an event may come from anywhere that can publish to the bus).
 */
public final class TextRules {
    public static final int MAX_EMAIL = 254;
    public static final int MAX_NAME = 100;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private TextRules() {
    }

    /** A plain address like {@code ada@example.com}: a local part, {@code @}, a domain with a dot; at most 254 characters. */
    public static boolean isEmailAddress(String text) {
        return text != null && text.length() <= MAX_EMAIL && EMAIL.matcher(text).matches();
    }

    /**
     * The first character that is not shown as itself, or -1: control characters (CR, LF, NUL, ...),
     * format characters (bidi overrides such as U+202E, zero-width spaces, U+FEFF), line and
     * paragraph separators, and unpaired surrogates. The zero-width joiner and non-joiner (U+200D,
     * U+200C) are allowed: scripts such as Persian and emoji sequences need them.
     */
    public static int firstHiddenCharacter(String text) {
        return text.codePoints().filter(TextRules::hidden).findFirst().orElse(-1);
    }

    private static boolean hidden(int codePoint) {
        if (codePoint == ZERO_WIDTH_JOINER || codePoint == ZERO_WIDTH_NON_JOINER) {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    /** {@code U+202E}, for messages. */
    public static String describe(int codePoint) {
        return String.format("U+%04X", codePoint);
    }
}
