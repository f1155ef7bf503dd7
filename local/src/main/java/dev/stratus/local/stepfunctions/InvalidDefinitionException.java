package dev.stratus.local.stepfunctions;

import java.util.List;

/**
 * A state machine definition that Step Functions would refuse: every problem found, each naming the
 * state and the field, e.g. {@code State 'Charge': field 'Next' names state 'Ship', which does not
 * exist}.
 */
public final class InvalidDefinitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Every problem found in the definition. */
    private final List<String> problems;

    InvalidDefinitionException(List<String> problems) {
        super("Invalid state machine definition (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
