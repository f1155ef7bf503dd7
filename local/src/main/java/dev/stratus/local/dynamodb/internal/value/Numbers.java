package dev.stratus.local.dynamodb.internal.value;

import java.math.BigDecimal;

/**
 * DynamoDB's number rules: exact decimals of up to 38 significant digits, with magnitudes from
 * 1E-130 to 9.9999999999999999999999999999999999999E+125 (Developer Guide, "Supported data types
 * and naming rules": Number).
 */
public final class Numbers {
    public static final int MAX_DIGITS = 38;
    private static final int MAX_EXPONENT = 125;
    private static final int MIN_EXPONENT = -130;

    private Numbers() {
    }

    /** The canonical form: no trailing zeros, and zero without a scale. */
    public static BigDecimal normalize(BigDecimal n) {
        if (n.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return n.stripTrailingZeros();
    }

    /**
     * Parses a number as it comes on the wire, or throws {@link NumberRuleException} with
     * DynamoDB's message.
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new NumberRuleException("The parameter cannot be converted to a numeric value");
        }
        BigDecimal n;
        try {
            n = new BigDecimal(text); // refuses NaN, Infinity and blanks, as DynamoDB does
        } catch (NumberFormatException e) {
            throw new NumberRuleException("The parameter cannot be converted to a numeric value: " + text);
        }
        return check(n);
    }

    /** Checks the range and precision of a computed or parsed number; returns it normalized. */
    public static BigDecimal check(BigDecimal n) {
        BigDecimal normalized = normalize(n);
        if (normalized.signum() == 0) {
            return normalized;
        }
        int exponent = normalized.precision() - normalized.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            throw new NumberRuleException("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < MIN_EXPONENT) {
            throw new NumberRuleException("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (normalized.precision() > MAX_DIGITS) {
            throw new NumberRuleException("Attempting to store more than 38 significant digits in a Number");
        }
        return normalized;
    }

    /** A number broke DynamoDB's rules; the message is DynamoDB's. */
    public static final class NumberRuleException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NumberRuleException(String message) {
            super(message, null, false, false);
        }
    }
}
