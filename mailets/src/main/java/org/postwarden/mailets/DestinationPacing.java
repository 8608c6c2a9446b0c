package org.postwarden.mailets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.throttle.Throttler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound pacing (throttle.properties {@code destination.<domain>.messages}, e.g. for mobile carriers that refuse
 * bursts): recipients of a destination domain over its budget are delayed on the spool, never refused, and come
 * back here when the budget allows. First in the relay processor, so that a delayed mail is signed and sealed
 * only once it leaves: <pre>{@code <mailet match="All" class="org.postwarden.mailets.DestinationPacing"/>}</pre>
 */
public class DestinationPacing extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DestinationPacing.class);

    private final Throttler throttler;
    private final MailQueueFactory<?> queues;
    private MailQueue spool;

    @Inject
    public DestinationPacing(Throttler throttler, MailQueueFactory<?> queues) {
        this.throttler = throttler;
        this.queues = queues;
    }

    @Override
    public void init() {
        spool = queues.createQueue(MailQueueFactory.SPOOL);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Map<String, List<MailAddress>> byDomain = new LinkedHashMap<>();
        mail.getRecipients().forEach(recipient -> byDomain.computeIfAbsent(recipient.getDomain().asString(), domain -> new ArrayList<>()).add(recipient));
        List<MailAddress> now = new ArrayList<>();
        for (Map.Entry<String, List<MailAddress>> destination : byDomain.entrySet()) {
            Duration delay = throttler.delayFor(destination.getKey());
            if (delay.isZero() || delay.isNegative()) {
                now.addAll(destination.getValue());
            } else {
                delay(mail, destination.getValue(), delay);
                LOGGER.info("{} to {} delayed {} by destination pacing", mail.getName(), destination.getKey(), delay);
            }
        }
        mail.setRecipients(now);
        if (now.isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    private void delay(Mail mail, Collection<MailAddress> recipients, Duration delay) throws MessagingException {
        MailImpl later = MailImpl.duplicate(mail);
        later.setRecipients(recipients);
        spool.enQueue(later, delay);
        later.dispose();
    }

    @Override
    public String getMailetInfo() {
        return "DestinationPacing";
    }
}
