package org.postwarden.mailets;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.forward.ForwardLog;
import org.postwarden.forward.ForwardLogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a message once per target: a message (its Message-ID, RFC 5322 §3.6.4) that already went to a remote
 * target within the window ({@code dedupWindow} of conf/srs.properties, default 1d) is not forwarded to it again,
 * as when an address is reached through two of our aliases. Duplicate recipients are removed; a forward left with
 * none is consumed (GHOST). Mail without a Message-ID passes. In the relay processor, after DestinationPacing:
 * <pre>{@code <mailet match="SentByMailet" class="org.postwarden.mailets.ForwardDeduplication"/>}</pre>
 * A forward that comes back to the relay processor (a spamd retry) is not checked again. When the log cannot be
 * reached, the forward goes out: a duplicate is better than a lost mail.
 */
public class ForwardDeduplication extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ForwardDeduplication.class);

    /** Set once a forward's recipients were recorded, so that it is not taken for its own duplicate later. */
    public static final AttributeName CHECKED = AttributeName.of("postwarden.forward.deduplicated");

    private final ForwardLog log;
    private final Clock clock;

    @Inject
    public ForwardDeduplication(ForwardLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(CHECKED).isPresent()) {
            return;
        }
        Optional<String> messageId = Optional.ofNullable(mail.getMessage().getHeader("Message-ID", null))
            .map(String::trim)
            .filter(id -> !id.isEmpty());
        if (messageId.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<MailAddress> remaining = new ArrayList<>();
        List<MailAddress> suppressed = new ArrayList<>();
        try {
            for (MailAddress recipient : mail.getRecipients()) {
                (log.record(messageId.get(), recipient.asString(), now) ? remaining : suppressed).add(recipient);
            }
        } catch (ForwardLogException e) {
            LOGGER.warn("{}: forward log unavailable, {} forwarded without deduplication: {}", mail.getName(),
                messageId.get(), e.getMessage());
            return;
        }
        mail.setAttribute(new Attribute(CHECKED, AttributeValue.of(true)));
        if (suppressed.isEmpty()) {
            return;
        }
        LOGGER.info("{}: {} already forwarded to {} within the window, not forwarded again", mail.getName(),
            messageId.get(), suppressed);
        mail.setRecipients(remaining);
        if (remaining.isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    @Override
    public String getMailetInfo() {
        return "ForwardDeduplication";
    }
}
