package org.postwarden.mailets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.SrsException;
import org.postwarden.srs.keys.SrsKeyring;

/**
 * Delivers mail sent to one of our SRS addresses (a bounce of a forward) to the original sender it encodes. The SMTP
 * hook (SrsRecipientHook) already refused, on the MX, SRS addresses with a bad hash or too old, mail that is not a
 * bounce (srs.properties {@code reverse.accept}) and returns over the limits; this mailet re-sends the mail to the
 * decoded addresses (so it is relayed like a forward) and removes the SRS recipients. Place it first in the
 * transport processor: <pre>{@code <mailet match="All" class="org.postwarden.mailets.SrsReverse"/>}</pre>
 */
public class SrsReverse extends GenericMailet {
    private final SrsKeyring keyring;
    private final SrsConfiguration configuration;

    @Inject
    public SrsReverse(SrsKeyring keyring, SrsConfiguration configuration) {
        this.keyring = keyring;
        this.configuration = configuration;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<MailAddress> kept = new ArrayList<>();
        List<MailAddress> reversed = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<MailAddress> original = configuration.isOurs(recipient.asString()) ? reverse(recipient) : Optional.empty();
            if (original.isPresent()) {
                reversed.add(original.get());
            } else {
                kept.add(recipient);
            }
        }
        if (reversed.isEmpty()) {
            return;
        }
        getMailetContext().sendMail(mail.getMaybeSender().asOptional().orElse(null), reversed, mail.getMessage());
        mail.setRecipients(kept);
        if (kept.isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    private Optional<MailAddress> reverse(MailAddress recipient) throws MessagingException {
        try {
            return Optional.of(new MailAddress(keyring.srs().reverse(recipient.asString())));
        } catch (SrsException e) {
            if (e.reason() == SrsException.Reason.NOT_SRS) {
                return Optional.empty();
            }
            throw new MessagingException("cannot reverse <" + recipient.asString() + ">: " + e.getMessage(), e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "SrsReverse";
    }
}
