package dev.stratus.functions.userevents;

import dev.stratus.functions.events.TextRules;

/** Where welcome e-mails go. The outgoing-mail table stands in for the real mail adapter, which sits behind this interface. */
public interface Mailbox {
    /**
     * The message to send; {@code messageId} is stable per event, so a redelivery is not sent twice.
     * The header fields ({@code to}, {@code subject}) may hold no control or format character: a CR
     * or LF there would let the text add headers of its own.
     */
    record Message(String messageId, String to, String subject, String body) {
        public Message {
            for (String header : new String[] {to, subject}) {
                int hidden = TextRules.firstHiddenCharacter(header);
                if (hidden >= 0) {
                    throw new IllegalArgumentException("a mail header holds " + TextRules.describe(hidden));
                }
            }
        }
    }

    /** Sends {@code message} once; returns false when it was already sent. */
    boolean send(Message message);
}
