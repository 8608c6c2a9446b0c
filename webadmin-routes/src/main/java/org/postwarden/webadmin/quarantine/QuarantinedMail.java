package org.postwarden.webadmin.quarantine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;

/**
 * A quarantined forward as ForwardSpamCheck stored it: the {@code postwarden.quarantine.*} attributes (reason, score,
 * threshold, report, targets) on the mail, which keeps its original envelope sender and headers.
 */
public record QuarantinedMail(String key, String sender, List<String> targets, String reason, Optional<Double> score,
                              Optional<Double> threshold, Optional<Instant> receivedAt, String subject, List<String> headers,
                              String report) {
    // The names ForwardSpamCheck (postwarden-mailets) writes; this module does not depend on the mailets.
    static final AttributeName REASON = AttributeName.of("postwarden.quarantine.reason");
    static final AttributeName SCORE = AttributeName.of("postwarden.quarantine.score");
    static final AttributeName THRESHOLD = AttributeName.of("postwarden.quarantine.threshold");
    static final AttributeName REPORT = AttributeName.of("postwarden.quarantine.report");
    static final AttributeName TARGETS = AttributeName.of("postwarden.quarantine.targets");
    static final AttributeName RELEASED = AttributeName.of("postwarden.quarantine.released");

    static QuarantinedMail of(String key, Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<String> headers = message == null ? List.of() : unfolded(Collections.list(message.getAllHeaderLines()));
        return new QuarantinedMail(key,
            mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(""),
            targets(mail),
            string(mail, REASON).orElse(""),
            number(mail, SCORE),
            number(mail, THRESHOLD),
            Optional.ofNullable(mail.getLastUpdated()).map(date -> date.toInstant()),
            message == null ? "" : Optional.ofNullable(message.getSubject()).orElse(""),
            headers,
            string(mail, REPORT).orElse(""));
    }

    /** The original forward recipients; the envelope recipients when the attribute is missing (older quarantines). */
    static List<String> targets(Mail mail) {
        return string(mail, TARGETS)
            .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(target -> !target.isEmpty()).toList())
            .filter(list -> !list.isEmpty())
            .orElseGet(() -> mail.getRecipients().stream().map(MailAddress::asString).toList());
    }

    private static Optional<String> string(Mail mail, AttributeName name) {
        return mail.getAttribute(name).flatMap(attribute -> attribute.getValue().valueAs(String.class));
    }

    private static Optional<Double> number(Mail mail, AttributeName name) {
        return mail.getAttribute(name).flatMap(attribute -> attribute.getValue().valueAs(Double.class));
    }

    /** RFC 5322 §2.2.3: unfolding removes the CRLF before the folding whitespace. */
    private static List<String> unfolded(List<String> lines) {
        List<String> headers = new ArrayList<>(lines.size());
        lines.forEach(line -> headers.add(line.replaceAll("\r?\n(?=[ \t])", "")));
        return headers;
    }
}
