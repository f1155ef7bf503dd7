package dev.stratus.constructs.monitoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.constructs.internal.ScopedDefaults;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.IConstruct;

/**
 * Which alarms a construct creates and where they notify: the {@code alarms} prop of every Stratus
 * construct. Alarms are on by default; each construct names its alarms (e.g. SecureFunction's
 * {@code Errors}, {@code Throttles}, {@code Duration}, {@code DeadLetterQueue}) and documents their
 * defaults; a policy can tune or disable them by name, turn all of them off, or keep them without
 * notifications. An immutable value: every method returns a new one.
 *
 * <pre>{@code
 * SecureFunction.Builder.create(this, "Orders")
 *         ...
 *         .alarms(AlarmPolicy.defaults()
 *                 .tune("Errors", AlarmTuning.threshold(5))
 *                 .disable("Throttles"))
 *         .build();
 * AlarmPolicy.setDefault(stage, AlarmPolicy.defaults().withoutNotifications()); // every construct beneath
 * }</pre>
 *
 * <p>Notifications go to one KMS-encrypted SNS topic per stack ({@link AlarmTopic}, created with the
 * first alarm that notifies), or to the topic given with {@link #notifying(ITopic)}. A construct
 * without an {@code alarms} prop uses the policy set with {@link #setDefault} on the nearest scope
 * above it, else {@link #defaults()}.
 */
public final class AlarmPolicy {
    private final boolean enabled;
    private final boolean notify;
    private final ITopic topic;
    private final Map<String, AlarmTuning> tunings;
    private final List<String> disabled;

    private AlarmPolicy(boolean enabled, boolean notify, ITopic topic, Map<String, AlarmTuning> tunings, List<String> disabled) {
        this.enabled = enabled;
        this.notify = notify;
        this.topic = topic;
        this.tunings = Collections.unmodifiableMap(new LinkedHashMap<>(tunings));
        this.disabled = Collections.unmodifiableList(new ArrayList<>(disabled));
    }

    /** Every alarm of the construct with its documented defaults, notifying the stack's {@link AlarmTopic}. */
    public static AlarmPolicy defaults() {
        return new AlarmPolicy(true, true, null, Map.of(), List.of());
    }

    /** No alarms at all (a construct whose failures another alarm already covers, a throwaway stack). */
    public static AlarmPolicy off() {
        return new AlarmPolicy(false, false, null, Map.of(), List.of());
    }

    /** The same alarms, without alarm actions: visible on dashboards and in the console, notifying nobody. */
    public AlarmPolicy withoutNotifications() {
        return new AlarmPolicy(enabled, false, null, tunings, disabled);
    }

    /** The same alarms, notifying {@code topic} (in alarm and back to OK) instead of the stack's {@link AlarmTopic}. */
    public AlarmPolicy notifying(ITopic topic) {
        return new AlarmPolicy(enabled, true, topic, tunings, disabled);
    }

    /** Changes alarm {@code alarm} (one of the names the construct documents); a later tuning of the same name wins. */
    public AlarmPolicy tune(String alarm, AlarmTuning tuning) {
        Map<String, AlarmTuning> next = new LinkedHashMap<>(tunings);
        next.remove(alarm);
        next.put(alarm, tuning);
        return new AlarmPolicy(enabled, notify, topic, next, disabled);
    }

    /** Leaves out these alarms (by the names the construct documents). */
    public AlarmPolicy disable(String... alarms) {
        List<String> next = new ArrayList<>(disabled);
        next.addAll(alarms == null ? Collections.singletonList(null) : Arrays.asList(alarms));
        return new AlarmPolicy(enabled, notify, topic, tunings, next);
    }

    /** Whether the construct creates alarms at all. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Whether the alarms have actions (notify a topic). */
    public boolean notifies() {
        return enabled && notify;
    }

    /** The topic to notify; empty for the stack's {@link AlarmTopic}. */
    public Optional<ITopic> topic() {
        return Optional.ofNullable(topic);
    }

    /** The tunings by alarm name, in the order given (null keys and values are kept for validation to name). */
    public Map<String, AlarmTuning> tunings() {
        return tunings;
    }

    /** The names of the alarms left out (null elements are kept for validation to name). */
    public List<String> disabled() {
        return disabled;
    }

    /** Whether alarm {@code name} is created. */
    public boolean creates(String name) {
        return enabled && !disabled.contains(name);
    }

    /**
     * The policy of the constructs beneath {@code scope} (a stage, a stack, a service's construct)
     * that set no {@code alarms} prop. Set it before creating them.
     */
    public static void setDefault(IConstruct scope, AlarmPolicy policy) {
        ScopedDefaults.set(scope, AlarmPolicy.class, policy);
    }

    /** {@code given}, else the default set on the nearest scope above {@code construct}, else {@link #defaults()}. */
    public static AlarmPolicy resolve(IConstruct construct, AlarmPolicy given) {
        if (given != null) {
            return given;
        }
        AlarmPolicy inherited = ScopedDefaults.find(construct, AlarmPolicy.class);
        return inherited != null ? inherited : defaults();
    }

    @Override
    public String toString() {
        return enabled ? "AlarmPolicy[" + (notify ? "notifying " + (topic == null ? "the stack's AlarmTopic" : topic.getNode().getPath())
                : "without notifications") + ", tunings=" + tunings.keySet() + ", disabled=" + disabled + "]" : "AlarmPolicy[off]";
    }
}
