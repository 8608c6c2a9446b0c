package org.postwarden.smtp.throttle;

import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.postwarden.throttle.SuspensionEvent;
import org.postwarden.throttle.ThrottleGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the postmaster ({@code <postmaster>} of mailetcontainer.xml) that an account was suspended, with the audit
 * record, as a plain text mail through the mailet container.
 */
public class PostmasterNotifier implements ThrottleGate.SuspensionNotice {
    private static final Logger LOGGER = LoggerFactory.getLogger(PostmasterNotifier.class);

    private final MailetContext mailetContext;

    @Inject
    public PostmasterNotifier(MailetContext mailetContext) {
        this.mailetContext = mailetContext;
    }

    /** A suspension decided outside an SMTP session (the outbound reputation guard): no client to name. */
    public void suspended(SuspensionEvent event) {
        suspended(event, null);
    }

    /** Never throws: a notice that cannot be sent is logged at ERROR, the suspension stays. */
    @Override
    public void suspended(SuspensionEvent event, String clientIp) {
        MailAddress postmaster = mailetContext.getPostmaster();
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(postmaster.toInternetAddress().orElseThrow());
            message.setRecipients(javax.mail.Message.RecipientType.TO, postmaster.asString());
            message.setSubject("Postwarden: account " + event.user() + " suspended", "UTF-8");
            message.setText(text(event, clientIp), "UTF-8");
            message.saveChanges();
            mailetContext.sendMail(postmaster, List.of(postmaster), message);
        } catch (MessagingException | RuntimeException e) {
            LOGGER.error("cannot tell the postmaster {} that {} was suspended", postmaster, event.user(), e);
        }
    }

    static String text(SuspensionEvent event, String clientIp) {
        String counters = event.counters().entrySet().stream()
            .map(counter -> "  " + counter.getKey() + ": " + counter.getValue())
            .collect(Collectors.joining("\n"));
        return "The account " + event.user() + " was suspended at " + event.at() + ".\n\n"
            + "Reason: " + event.reason() + "\n"
            + (clientIp == null ? "" : "Client: " + clientIp + "\n") + "\n"
            + "Counters at that moment:\n" + counters + "\n\n"
            + "It is refused with 550 5.7.1 until an administrator lifts the suspension:\n"
            + "  curl -XPOST 'http://127.0.0.1:8000/postwarden/throttle/users/" + event.user() + "?action=unsuspend'\n";
    }
}
