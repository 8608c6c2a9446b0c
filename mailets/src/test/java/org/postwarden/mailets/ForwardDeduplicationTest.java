package org.postwarden.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.postwarden.forward.InMemoryForwardLog;

class ForwardDeduplicationTest {
    private final ForwardDeduplication mailet = new ForwardDeduplication(new InMemoryForwardLog(Duration.ofDays(1)),
        Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    private static Mail forward(String messageId, String... recipients) throws Exception {
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder().setSubject("news").setText("hello");
        if (messageId != null) {
            message.addHeader("Message-ID", messageId);
        }
        MimeMessage built = message.build();
        return FakeMail.builder().name("forward").mimeMessage(built).recipients(recipients).build();
    }

    @Test
    void serviceShouldLetTheFirstForwardThrough() throws Exception {
        Mail mail = forward("<a@origin.example>", "friend@remote.example");

        mailet.service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("friend@remote.example"));
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }

    @Test
    void serviceShouldGhostASecondForwardOfTheSameMessageToTheSameTarget() throws Exception {
        mailet.service(forward("<a@origin.example>", "friend@remote.example"));
        Mail second = forward("<a@origin.example>", "friend@remote.example");

        mailet.service(second);

        assertThat(second.getRecipients()).isEmpty();
        assertThat(second.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void serviceShouldRemoveOnlyTheTargetsAlreadyForwardedTo() throws Exception {
        mailet.service(forward("<a@origin.example>", "friend@remote.example"));
        Mail second = forward("<a@origin.example>", "friend@remote.example", "other@remote.example");

        mailet.service(second);

        assertThat(second.getRecipients()).containsExactly(new MailAddress("other@remote.example"));
        assertThat(second.getState()).isNotEqualTo(Mail.GHOST);
    }

    @Test
    void serviceShouldLetAnotherMessageThrough() throws Exception {
        mailet.service(forward("<a@origin.example>", "friend@remote.example"));
        Mail other = forward("<b@origin.example>", "friend@remote.example");

        mailet.service(other);

        assertThat(other.getRecipients()).containsExactly(new MailAddress("friend@remote.example"));
    }

    @Test
    void serviceShouldLetMailWithoutMessageIdThrough() throws Exception {
        Mail first = forward(null, "friend@remote.example");
        first.getMessage().removeHeader("Message-ID");
        mailet.service(first);
        Mail second = forward(null, "friend@remote.example");
        second.getMessage().removeHeader("Message-ID");

        mailet.service(second);

        assertThat(second.getRecipients()).containsExactly(new MailAddress("friend@remote.example"));
    }

    @Test
    void aForwardComingBackToTheRelayProcessorShouldNotBeTakenForItsOwnDuplicate() throws Exception {
        Mail mail = forward("<a@origin.example>", "friend@remote.example");
        mailet.service(mail);

        mailet.service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("friend@remote.example"));
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }
}
