package dev.stratus.constructs.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.kms.IKey;

import dev.stratus.constructs.monitoring.AlarmPolicy;

/**
 * Props of an {@link EventDrivenService}: an immutable value built with {@link #builder()}.
 * At least one consumer is required.
 */
public final class EventDrivenServiceProps {
    private final SourceType source;
    private final IEventBus existingEventBus;
    private final Duration archiveRetention;
    private final IKey encryptionKey;
    private final Number deliveryRetryAttempts;
    private final Duration deliveryMaxEventAge;
    private final AlarmPolicy alarms;
    private final List<EventConsumer> consumers;

    private EventDrivenServiceProps(Builder b) {
        this.source = b.source;
        this.existingEventBus = b.existingEventBus;
        this.archiveRetention = b.archiveRetention;
        this.encryptionKey = b.encryptionKey;
        this.deliveryRetryAttempts = b.deliveryRetryAttempts;
        this.deliveryMaxEventAge = b.deliveryMaxEventAge;
        this.alarms = b.alarms;
        // not List.copyOf: a null consumer must reach validation ("a consumer is null"), not end in a NullPointerException
        this.consumers = Collections.unmodifiableList(new ArrayList<>(b.consumers));
    }

    /** Starts a builder; every prop not set keeps the default its getter documents. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these props, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.source = source;
        b.existingEventBus = existingEventBus;
        b.archiveRetention = archiveRetention;
        b.encryptionKey = encryptionKey;
        b.deliveryRetryAttempts = deliveryRetryAttempts;
        b.deliveryMaxEventAge = deliveryMaxEventAge;
        b.alarms = alarms;
        b.consumers.addAll(consumers);
        return b;
    }

    /** Default: {@link SourceType#EVENT_BRIDGE}. */
    public SourceType source() {
        return source != null ? source : SourceType.EVENT_BRIDGE;
    }

    /** Publish to this bus instead of creating one (EventBridge source). Default: a new KMS-encrypted bus. */
    public IEventBus existingEventBus() {
        return existingEventBus;
    }

    /** How long the bus's archive keeps events for replay (EventBridge). Default: 30 days. */
    public Duration archiveRetention() {
        return archiveRetention != null ? archiveRetention : Defaults.ARCHIVE_RETENTION;
    }

    /** Encrypts the bus or topic, its archive and every queue. Default: a new customer-managed key, rotation on. */
    public IKey encryptionKey() {
        return encryptionKey;
    }

    /** EventBridge retries of a delivery to a consumer's queue, 0–185. Default: 8. */
    public Number deliveryRetryAttempts() {
        return deliveryRetryAttempts != null ? deliveryRetryAttempts : Defaults.DELIVERY_RETRY_ATTEMPTS;
    }

    /** How long EventBridge keeps retrying a delivery, 60 s – 24 h. Default: 24 hours. */
    public Duration deliveryMaxEventAge() {
        return deliveryMaxEventAge != null ? deliveryMaxEventAge : Defaults.DELIVERY_MAX_EVENT_AGE;
    }

    /**
     * The alarms of every consumer: {@code OldestMessageAge}, {@code DeadLetterQueue} and
     * {@code DeliveryDeadLetterQueue} (README: "Alarms"); a consumer may set its own
     * ({@link EventConsumer#alarms}). Default: the policy set on a scope above
     * ({@link AlarmPolicy#setDefault}), else {@link AlarmPolicy#defaults()}.
     */
    public AlarmPolicy alarms() {
        return alarms;
    }

    /** The consumers declared with the props; {@link EventDrivenService#addConsumer} adds more later. */
    public List<EventConsumer> consumers() {
        return consumers;
    }

    /** Builds {@link EventDrivenServiceProps}; every setter returns the builder. */
    public static final class Builder {
        private SourceType source;
        private IEventBus existingEventBus;
        private Duration archiveRetention;
        private IKey encryptionKey;
        private Number deliveryRetryAttempts;
        private Duration deliveryMaxEventAge;
        private AlarmPolicy alarms;
        private final List<EventConsumer> consumers = new ArrayList<>();

        private Builder() {
        }

        /** @see EventDrivenServiceProps#source() */
        public Builder source(SourceType source) {
            this.source = source;
            return this;
        }

        /** @see EventDrivenServiceProps#existingEventBus() */
        public Builder existingEventBus(IEventBus bus) {
            this.existingEventBus = bus;
            return this;
        }

        /** @see EventDrivenServiceProps#archiveRetention() */
        public Builder archiveRetention(Duration retention) {
            this.archiveRetention = retention;
            return this;
        }

        /** @see EventDrivenServiceProps#encryptionKey() */
        public Builder encryptionKey(IKey key) {
            this.encryptionKey = key;
            return this;
        }

        /** @see EventDrivenServiceProps#deliveryRetryAttempts() */
        public Builder deliveryRetryAttempts(Number attempts) {
            this.deliveryRetryAttempts = attempts;
            return this;
        }

        /** @see EventDrivenServiceProps#deliveryMaxEventAge() */
        public Builder deliveryMaxEventAge(Duration age) {
            this.deliveryMaxEventAge = age;
            return this;
        }

        /** @see EventDrivenServiceProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            this.alarms = alarms;
            return this;
        }

        /** Adds a consumer; at least one is required, here or with {@link EventDrivenService#addConsumer} right after. */
        public Builder consumer(EventConsumer consumer) {
            this.consumers.add(consumer);
            return this;
        }

        /** Builds the immutable {@link EventDrivenServiceProps}; the construct that receives them validates them. */
        public EventDrivenServiceProps build() {
            return new EventDrivenServiceProps(this);
        }
    }
}
