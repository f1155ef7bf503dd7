package dev.stratus.local.dynamodb.internal.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into DynamoDB's tokens. A bare name is a letter followed by letters, digits
 * and underscores; {@code #} and {@code :} followed by letters, digits or underscores are name and
 * value placeholders; a run of digits is a number (list indexes); {@code < <= <> > >= = ( ) [ ] , .
 * + -} are symbols; any other character is a token of its own, so that a syntax error can name it
 * ("Syntax error; token: \"_\", near: \"SET _123\"" for {@code SET _123 = :v}).
 */
final class Lexer {
    enum Kind { IDENT, NAME, VALUE, NUMBER, SYMBOL, OTHER, EOF }

    /** A token: its kind, its text, where it starts and ends in the expression, and its position. */
    record Token(Kind kind, String text, int start, int end, int index) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** A bare name equal, in any case, to the keyword. */
        boolean isWord(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }
    }

    private Lexer() {
    }

    static Token[] tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
                continue;
            }
            int start = i;
            Kind kind;
            if (isLetter(c)) {
                i++;
                while (i < length && isWordPart(text.charAt(i))) {
                    i++;
                }
                kind = Kind.IDENT;
            } else if (c >= '0' && c <= '9') {
                while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                kind = Kind.NUMBER;
            } else if ((c == '#' || c == ':') && i + 1 < length && isWordPart(text.charAt(i + 1))) {
                i += 2;
                while (i < length && isWordPart(text.charAt(i))) {
                    i++;
                }
                kind = c == '#' ? Kind.NAME : Kind.VALUE;
            } else if (c == '<') {
                i++;
                if (i < length && (text.charAt(i) == '=' || text.charAt(i) == '>')) {
                    i++;
                }
                kind = Kind.SYMBOL;
            } else if (c == '>') {
                i++;
                if (i < length && text.charAt(i) == '=') {
                    i++;
                }
                kind = Kind.SYMBOL;
            } else if ("=()[],.+-".indexOf(c) >= 0) {
                i++;
                kind = Kind.SYMBOL;
            } else {
                i += Character.charCount(text.codePointAt(i));
                kind = Kind.OTHER;
            }
            tokens.add(new Token(kind, text.substring(start, i), start, i, tokens.size()));
        }
        tokens.add(new Token(Kind.EOF, "", length, length, tokens.size()));
        return tokens.toArray(new Token[0]);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordPart(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }
}
