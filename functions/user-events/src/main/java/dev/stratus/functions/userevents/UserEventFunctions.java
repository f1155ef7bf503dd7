package dev.stratus.functions.userevents;

import java.time.Clock;
import java.util.Map;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.SqsConsumer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry points of the two {@code user.created} consumers, sharing one jar. Events of
 * another type are acknowledged and ignored (the subscription filters them out already).
 */
public final class UserEventFunctions {
    private UserEventFunctions() {
    }

    static DynamoDbClient dynamo(Map<String, String> env) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.get("AWS_REGION")))
                .build();
    }

    static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return value;
    }

    /** send-welcome-email: writes the welcome message to the outbox ({@code OUTBOX_TABLE_NAME}). */
    public static final class SendWelcomeEmail extends SqsConsumer {
        private final Mailbox mailbox;

        public SendWelcomeEmail() {
            this(new OutboxMailbox(dynamo(System.getenv()), required(System.getenv(), "OUTBOX_TABLE_NAME"), Clock.systemUTC()));
        }

        SendWelcomeEmail(Mailbox mailbox) {
            this.mailbox = mailbox;
        }

        @Override
        protected void process(EventEnvelope event) {
            if (!NewUser.TYPE.equals(event.type())) {
                return;
            }
            NewUser user = NewUser.from(event);
            mailbox.send(new Mailbox.Message("welcome-" + event.id(), user.email(), "Welcome to Stratus, " + user.name(),
                    "Hello " + user.name() + ",\n\nyour account is ready.\n"));
        }
    }

    /** create-user-profile: creates the profile with default preferences ({@code PROFILES_TABLE_NAME}). */
    public static final class CreateUserProfile extends SqsConsumer {
        private final UserProfiles profiles;

        public CreateUserProfile() {
            this(new UserProfiles(dynamo(System.getenv()), required(System.getenv(), "PROFILES_TABLE_NAME"), Clock.systemUTC()));
        }

        CreateUserProfile(UserProfiles profiles) {
            this.profiles = profiles;
        }

        @Override
        protected void process(EventEnvelope event) {
            if (!NewUser.TYPE.equals(event.type())) {
                return;
            }
            profiles.create(NewUser.from(event), event.id());
        }
    }
}
