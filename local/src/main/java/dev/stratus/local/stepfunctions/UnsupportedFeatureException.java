package dev.stratus.local.stepfunctions;

import java.util.List;

/**
 * A valid definition (or template) that uses something the local executor does not implement:
 * JSONata, variables, Activities, callback and {@code .sync} integrations, Distributed Map, a
 * service integration without a registered handler, and so on. Raised when the definition is
 * loaded or the execution started, never skipped: a test must not pass because a state was ignored.
 */
public final class UnsupportedFeatureException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /** The features the definition uses that the executor does not implement. */
    private final List<String> features;

    UnsupportedFeatureException(List<String> features) {
        super("Not supported by the local Step Functions executor (stratus-local):\n - " + String.join("\n - ", features));
        this.features = List.copyOf(features);
    }

    UnsupportedFeatureException(String feature) {
        this(List.of(feature));
    }

    /** Each unsupported use, naming the feature and where it appears. */
    public List<String> features() {
        return features;
    }
}
