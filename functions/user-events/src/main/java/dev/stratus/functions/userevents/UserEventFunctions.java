package dev.stratus.functions.userevents;

import java.time.Clock;
import java.time.Duration;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.SqsConsumer;

/**
 * The Lambda entry points of the two {@code user.created} consumers, sharing one jar. Events of
 * another type are acknowledged and ignored (the subscription filters them out already).
 */
public final class UserEventFunctions {
    private UserEventFunctions() {
    }

    /** A consumer has the queue's visibility timeout to spare; still, no call may hang. */
    static final Timeouts TIMEOUTS = Timeouts.of(Duration.ofSeconds(3), Duration.ofSeconds(1));

    /** send-welcome-email: writes the welcome message to the outgoing-mail table ({@code MAIL_TABLE_NAME}). */
    public static final class SendWelcomeEmail extends SqsConsumer {
        private final Mailbox mailbox;

        public SendWelcomeEmail() {
            this(new TableMailbox(SdkClients.dynamo(System.getenv(), TIMEOUTS), Env.required(System.getenv(), "MAIL_TABLE_NAME"),
                    Clock.systemUTC()));
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
            this(new UserProfiles(SdkClients.dynamo(System.getenv(), TIMEOUTS), Env.required(System.getenv(), "PROFILES_TABLE_NAME"),
                    Clock.systemUTC()));
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
