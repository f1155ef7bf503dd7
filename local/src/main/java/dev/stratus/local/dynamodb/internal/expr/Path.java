package dev.stratus.local.dynamodb.internal.expr;

import java.util.List;

/**
 * A document path such as {@code a.b[2].c}: each element is a {@code String} (a map key or
 * top-level attribute name, placeholders already resolved) or an {@code Integer} (a list index).
 */
public record Path(List<Object> elements) {
    public Path {
        elements = List.copyOf(elements);
    }

    /** The top-level attribute the path starts at. */
    public String attribute() {
        return (String) elements.get(0);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Object element : elements) {
            if (element instanceof Integer) {
                text.append('[').append(element).append(']');
            } else {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(element);
            }
        }
        return text.toString();
    }
}
