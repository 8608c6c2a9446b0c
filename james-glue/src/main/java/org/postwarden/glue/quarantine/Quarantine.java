package org.postwarden.glue.quarantine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.postwarden.quarantine.QuarantineAttributes;
import org.postwarden.quarantine.QuarantineFilter;
import org.postwarden.quarantine.QuarantineRetention;
import org.postwarden.quarantine.QuarantinedMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine repository of ForwardSpamCheck in operator terms: list, show, release, delete, purge. The James
 * mail repository and spool are looked up at each call: they are ready only once the server started.
 */
public class Quarantine {
    private static final Logger LOGGER = LoggerFactory.getLogger(Quarantine.class);
    /** The processor a released mail re-enters: it is checked, signed, sealed and delivered like any forward. */
    public static final String RELEASE_PROCESSOR = "relay";

    private final MailRepositoryStore repositories;
    private final MailQueueFactory<?> queues;
    private final MailRepositoryUrl url;

    public Quarantine(MailRepositoryStore repositories, MailQueueFactory<?> queues, MailRepositoryUrl url) {
        this.repositories = repositories;
        this.queues = queues;
        this.url = url;
    }

    public MailRepositoryUrl url() {
        return url;
    }

    /** The matching mails, most recently quarantined first. */
    public List<QuarantinedMail> list(QuarantineFilter filter) throws MessagingException {
        MailRepository repository = repository();
        List<QuarantinedMail> matching = new ArrayList<>();
        for (Iterator<MailKey> keys = repository.list(); keys.hasNext(); ) {
            MailKey key = keys.next();
            Mail mail = repository.retrieve(key);
            if (mail == null) {
                continue; // released or deleted meanwhile
            }
            try {
                QuarantinedMail quarantined = QuarantinedMails.of(key.asString(), mail);
                if (filter.matches(quarantined)) {
                    matching.add(quarantined);
                }
            } finally {
                LifecycleUtil.dispose(mail);
            }
        }
        return matching.stream()
            .sorted(Comparator.comparing((QuarantinedMail mail) -> mail.receivedAt().orElse(Instant.EPOCH)).reversed())
            .limit(filter.limit())
            .toList();
    }

    public Optional<QuarantinedMail> find(String key) throws MessagingException {
        Mail mail = repository().retrieve(new MailKey(key));
        if (mail == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(QuarantinedMails.of(key, mail));
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    /**
     * Re-injects a copy to the original forward targets, with all its headers and the released mark that makes
     * ForwardSpamCheck let it through, then removes it from the quarantine. Synchronized: two concurrent releases of
     * one mail send it once.
     *
     * @return false when there is no such mail
     */
    public synchronized boolean release(String key) throws MessagingException {
        MailRepository repository = repository();
        MailKey mailKey = new MailKey(key);
        Mail mail = repository.retrieve(mailKey);
        if (mail == null) {
            return false;
        }
        try {
            Mail copy = mail.duplicate();
            List<MailAddress> targets = new ArrayList<>();
            for (String target : QuarantinedMails.targets(mail)) {
                targets.add(new MailAddress(target));
            }
            copy.setRecipients(targets);
            copy.setState(RELEASE_PROCESSOR);
            copy.setAttribute(new Attribute(AttributeName.of(QuarantineAttributes.RELEASED), AttributeValue.of(true)));
            try {
                queues.createQueue(MailQueueFactory.SPOOL).enQueue(copy);
            } finally {
                LifecycleUtil.dispose(copy);
            }
            repository.remove(mailKey);
            LOGGER.info("quarantined mail {} released to {}", key, targets);
            return true;
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    /** @return false when there is no such mail */
    public synchronized boolean delete(String key) throws MessagingException {
        MailRepository repository = repository();
        MailKey mailKey = new MailKey(key);
        Mail mail = repository.retrieve(mailKey);
        if (mail == null) {
            return false;
        }
        LifecycleUtil.dispose(mail);
        repository.remove(mailKey);
        LOGGER.info("quarantined mail {} deleted", key);
        return true;
    }

    /** Deletes the mails quarantined more than {@code retention} before {@code now}; returns how many. */
    public synchronized int purge(Instant now, Duration retention) throws MessagingException {
        MailRepository repository = repository();
        List<MailKey> expired = new ArrayList<>();
        for (Iterator<MailKey> keys = repository.list(); keys.hasNext(); ) {
            MailKey key = keys.next();
            Mail mail = repository.retrieve(key);
            if (mail != null) {
                if (QuarantineRetention.isExpired(Optional.ofNullable(mail.getLastUpdated()).map(date -> date.toInstant()), now, retention)) {
                    expired.add(key);
                }
                LifecycleUtil.dispose(mail);
            }
        }
        if (!expired.isEmpty()) {
            repository.remove(expired);
            LOGGER.info("quarantine retention: purged {} mails older than {}", expired.size(), retention);
        }
        return expired.size();
    }

    private MailRepository repository() throws MessagingException {
        try {
            return repositories.select(url);
        } catch (MailRepositoryStore.MailRepositoryStoreException e) {
            throw new MessagingException("cannot open the quarantine repository " + url.asString(), e);
        }
    }
}
