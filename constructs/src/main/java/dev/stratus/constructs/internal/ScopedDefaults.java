package dev.stratus.constructs.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Defaults that apply to every Stratus construct beneath a scope (a stage, a stack), such as the
 * alarm policy or the deployment style of a stage: held by a child construct of that scope without
 * resources, found by walking up from the construct that needs them. The nearest scope wins.
 *
 * <p>Internal: not part of the public API; the public setters are {@code AlarmPolicy.setDefault}
 * and {@code Deployment.setDefault}.
 */
public final class ScopedDefaults {
    static final String ID = "StratusDefaults";

    private ScopedDefaults() {
    }

    /** Sets the default of {@code type} for the constructs beneath {@code scope}, replacing one set before. */
    public static <T> void set(IConstruct scope, Class<T> type, T value) {
        if (scope == null) {
            throw new IllegalArgumentException("a scope is required to set a default " + type.getSimpleName());
        }
        IConstruct existing = scope.getNode().tryFindChild(ID);
        Holder holder = existing instanceof Holder h ? h : new Holder((Construct) scope);
        holder.values.put(type, value);
    }

    /** The default of {@code type} set on the nearest scope above (or at) {@code construct}; null when none is. */
    public static <T> T find(IConstruct construct, Class<T> type) {
        List<IConstruct> scopes = construct.getNode().getScopes();
        for (int i = scopes.size() - 1; i >= 0; i--) {
            if (scopes.get(i).getNode().tryFindChild(ID) instanceof Holder holder && holder.values.containsKey(type)) {
                return type.cast(holder.values.get(type));
            }
        }
        return null;
    }

    /** The construct that holds a scope's defaults; it synthesizes to nothing. */
    static final class Holder extends Construct {
        final Map<Class<?>, Object> values = new HashMap<>();

        Holder(Construct scope) {
            super(scope, ID);
        }
    }
}
