package dev.stratus.constructs.events;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Props of an {@link EventDrivenService}: an immutable value built with {@link #builder()}.
 * At least one consumer is required.
 */
public final class EventDrivenServiceProps {
    static final Duration DEFAULT_ARCHIVE_RETENTION = Duration.days(30);
    static final int DEFAULT_DELIVERY_RETRIES = 8;
    static final Duration DEFAULT_DELIVERY_MAX_AGE = Duration.hours(24);
    static final Duration DLQ_RETENTION = Duration.days(14);

    private final SourceType source;
    private final IEventBus existingEventBus;
    private final Duration archiveRetention;
    private final IKey encryptionKey;
    private final Integer deliveryRetryAttempts;
    private final Duration deliveryMaxEventAge;
    private final List<EventConsumer> consumers;

    private EventDrivenServiceProps(Builder b) {
        this.source = b.source;
        this.existingEventBus = b.existingEventBus;
        this.archiveRetention = b.archiveRetention;
        this.encryptionKey = b.encryptionKey;
        this.deliveryRetryAttempts = b.deliveryRetryAttempts;
        this.deliveryMaxEventAge = b.deliveryMaxEventAge;
        // not List.copyOf: a null consumer must reach validation ("a consumer is null"), not end in a NullPointerException
        this.consumers = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(b.consumers));
    }

    public static Builder builder() {
        return new Builder();
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
        return archiveRetention != null ? archiveRetention : DEFAULT_ARCHIVE_RETENTION;
    }

    /** Encrypts the bus or topic, its archive and every queue. Default: a new customer-managed key, rotation on. */
    public IKey encryptionKey() {
        return encryptionKey;
    }

    /** EventBridge retries of a delivery to a consumer's queue, 0–185. Default: 8. */
    public int deliveryRetryAttempts() {
        return deliveryRetryAttempts != null ? deliveryRetryAttempts : DEFAULT_DELIVERY_RETRIES;
    }

    /** How long EventBridge keeps retrying a delivery, 60 s – 24 h. Default: 24 hours. */
    public Duration deliveryMaxEventAge() {
        return deliveryMaxEventAge != null ? deliveryMaxEventAge : DEFAULT_DELIVERY_MAX_AGE;
    }

    public List<EventConsumer> consumers() {
        return consumers;
    }

    /** Builds {@link EventDrivenServiceProps}; every setter returns the builder. */
    public static final class Builder {
        private SourceType source;
        private IEventBus existingEventBus;
        private Duration archiveRetention;
        private IKey encryptionKey;
        private Integer deliveryRetryAttempts;
        private Duration deliveryMaxEventAge;
        private final List<EventConsumer> consumers = new ArrayList<>();

        private Builder() {
        }

        public Builder source(SourceType source) {
            this.source = source;
            return this;
        }

        public Builder existingEventBus(IEventBus bus) {
            this.existingEventBus = bus;
            return this;
        }

        public Builder archiveRetention(Duration retention) {
            this.archiveRetention = retention;
            return this;
        }

        public Builder encryptionKey(IKey key) {
            this.encryptionKey = key;
            return this;
        }

        public Builder deliveryRetryAttempts(int attempts) {
            this.deliveryRetryAttempts = attempts;
            return this;
        }

        public Builder deliveryMaxEventAge(Duration age) {
            this.deliveryMaxEventAge = age;
            return this;
        }

        public Builder consumer(EventConsumer consumer) {
            this.consumers.add(consumer);
            return this;
        }

        public EventDrivenServiceProps build() {
            return new EventDrivenServiceProps(this);
        }
    }
}
