package org.postwarden.glue.quarantine;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.postwarden.quarantine.QuarantineAttributes;
import org.postwarden.quarantine.QuarantinedMail;

/** Reads a {@link QuarantinedMail} off a mail of the quarantine repository. */
final class QuarantinedMails {
    private QuarantinedMails() {
    }

    static QuarantinedMail of(String key, Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<String> headers = message == null ? List.of()
            : Collections.list(message.getAllHeaderLines()).stream().map(QuarantinedMail::unfolded).toList();
        return new QuarantinedMail(key,
            mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(""),
            targets(mail),
            string(mail, QuarantineAttributes.REASON).orElse(""),
            number(mail, QuarantineAttributes.SCORE),
            number(mail, QuarantineAttributes.THRESHOLD),
            Optional.ofNullable(mail.getLastUpdated()).map(date -> date.toInstant()),
            message == null ? "" : Optional.ofNullable(message.getSubject()).orElse(""),
            headers,
            string(mail, QuarantineAttributes.REPORT).orElse(""));
    }

    static List<String> targets(Mail mail) {
        return QuarantinedMail.targets(string(mail, QuarantineAttributes.TARGETS),
            mail.getRecipients().stream().map(MailAddress::asString).toList());
    }

    private static Optional<String> string(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).flatMap(attribute -> attribute.getValue().valueAs(String.class));
    }

    private static Optional<Double> number(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).flatMap(attribute -> attribute.getValue().valueAs(Double.class));
    }
}
