package dev.stratus.functions.userevents;

/** Where welcome e-mails go. The outbox stands in for the real mail adapter, which sits behind this interface. */
public interface Mailbox {
    /** The message to send; {@code messageId} is stable per event, so a redelivery is not sent twice. */
    record Message(String messageId, String to, String subject, String body) {
    }

    /** Sends {@code message} once; returns false when it was already sent. */
    boolean send(Message message);
}
