package dev.stratus.functions.events;

import java.util.List;

/** An event that can never be processed, whatever the retries: reported, then left for the DLQ. */
public class MalformedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public MalformedEventException(List<String> problems) {
        super("malformed event: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
