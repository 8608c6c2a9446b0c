package org.postwarden.mailets;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.util.DurationParser;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.authresults.MethodResults;
import org.postwarden.authresults.OurResults;
import org.postwarden.dkim.RawMessage;
import org.postwarden.glue.MailVerdicts;
import org.postwarden.glue.MessageBytes;
import org.postwarden.inbound.InboundAuthenticator;
import org.postwarden.quarantine.QuarantineAttributes;
import org.postwarden.reputation.Outcome;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.spam.SpamVerdict;
import org.postwarden.spam.SpamdClient;
import org.postwarden.spam.SpamdUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps spam from being forwarded: before a forward leaves, asks SpamAssassin's spamd (SPAMC/1.5) and reads the
 * verdict of our inbound check for {@code dmarc=fail} and {@code spf=fail}: the mail's verdict attributes
 * ({@link MailVerdicts}), or, when the mail carries none, our own Authentication-Results (the one with our
 * authserv-id). James 3.8.1 re-sends a forward (RecipientRewriteTable, Sieve redirect) as a new mail without the
 * original's attributes, so for most forwards the header is what carries the verdict. Spam, and mail
 * failing DMARC or without a determinable author domain ({@code dmarc=permerror}, always), is stored in the
 * quarantine repository with {@code postwarden.quarantine.*} attributes (reason, score, threshold, report, the
 * forward targets) and consumed: never forwarded, never bounced. Local recipients are delivered before the relay
 * processor and are not affected. First in the relay processor, before SrsRewrite:
 * <pre>{@code
 * <mailet match="SentByMailet" class="org.postwarden.mailets.ForwardSpamCheck">
 *     <repositoryPath>file://var/mail/quarantine/</repositoryPath>
 *     <spamdHost>127.0.0.1</spamdHost>
 *     <spamdPort>783</spamdPort>
 *     <timeout>30 seconds</timeout>
 *     <threshold>5.0</threshold>                   <!-- default: spamd's required_score -->
 *     <quarantineDmarcFail>true</quarantineDmarcFail>
 *     <quarantineSpfFail>false</quarantineSpfFail> <!-- SPF alone fails on legitimate forwarded-to-us mail -->
 *     <retryDelay>5 minutes</retryDelay>
 *     <maxRetries>12</maxRetries>
 * </mailet>
 * }</pre>
 * When spamd gives no verdict (down, timeout, error), the forward is put back on the spool for {@code retryDelay}, up
 * to {@code maxRetries} times, then quarantined with reason {@code unchecked}: a forward is never lost and never
 * leaves unchecked. Mail that our own signals already condemn is quarantined at once. When the quarantine cannot
 * store (disk full), the forward waits on the spool for {@code retryDelay} and is checked again. A quarantined forward
 * counts as quarantined for the outbound reputation guard (server-wide: forwards belong to no account).
 */
public class ForwardSpamCheck extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ForwardSpamCheck.class);

    private static final AttributeName REASON = AttributeName.of(QuarantineAttributes.REASON);
    private static final AttributeName SCORE = AttributeName.of(QuarantineAttributes.SCORE);
    private static final AttributeName THRESHOLD = AttributeName.of(QuarantineAttributes.THRESHOLD);
    private static final AttributeName REPORT = AttributeName.of(QuarantineAttributes.REPORT);
    private static final AttributeName TARGETS = AttributeName.of(QuarantineAttributes.TARGETS);
    private static final AttributeName RELEASED = AttributeName.of(QuarantineAttributes.RELEASED);
    static final AttributeName ATTEMPTS = AttributeName.of("postwarden.spamcheck.attempts");

    private final MailRepositoryStore repositories;
    private final MailQueueFactory<?> queues;
    private final String authservId;
    private final SenderReputation reputation;
    private MailRepository quarantine;
    private MailQueue spool;
    private SpamdClient spamd;
    private boolean quarantineDmarcFail;
    private boolean quarantineSpfFail;
    private Duration retryDelay;
    private int maxRetries;

    @Inject
    public ForwardSpamCheck(MailRepositoryStore repositories, MailQueueFactory<?> queues, InboundAuthenticator inbound,
                            SenderReputation reputation) {
        this.repositories = repositories;
        this.queues = queues;
        this.authservId = inbound.policy().authservId();
        this.reputation = reputation;
    }

    @Override
    public void init() throws MessagingException {
        try {
            quarantine = repositories.select(MailRepositoryUrl.from(getInitParameter("repositoryPath", "file://var/mail/quarantine/").trim()));
        } catch (MailRepositoryStore.MailRepositoryStoreException e) {
            throw new MessagingException("ForwardSpamCheck: cannot open the quarantine repository", e);
        }
        spool = queues.createQueue(MailQueueFactory.SPOOL);
        spamd = SpamdSettings.client(getMailetConfig());
        quarantineDmarcFail = getInitParameter("quarantineDmarcFail", true);
        quarantineSpfFail = getInitParameter("quarantineSpfFail", false);
        retryDelay = DurationParser.parse(getInitParameter("retryDelay", "5 minutes"), ChronoUnit.SECONDS);
        maxRetries = Integer.parseInt(getInitParameter("maxRetries", "12").trim());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(RELEASED).flatMap(attribute -> attribute.getValue().valueAs(Boolean.class)).orElse(false)) {
            return;
        }
        byte[] message = MessageBytes.read(mail);
        Optional<MethodResults> inbound = MailVerdicts.results(mail)
            .or(() -> OurResults.in(RawMessage.parse(message), authservId).map(OurResults::results));
        if (inbound.isEmpty()) {
            // Not a forward of inbound mail: a bounce or notification of ours, or a local user's mail re-sent.
            return;
        }
        List<String> reasons = ownSignals(inbound.get());
        try {
            SpamVerdict verdict = spamd.check(message);
            if (verdict.spam()) {
                reasons.add(0, "spam");
            }
            if (!reasons.isEmpty()) {
                quarantine(mail, reasons, Optional.of(verdict));
            }
        } catch (SpamdUnavailableException e) {
            if (!reasons.isEmpty()) {
                quarantine(mail, reasons, Optional.empty());
                return;
            }
            int attempts = mail.getAttribute(ATTEMPTS).flatMap(attribute -> attribute.getValue().valueAs(Integer.class)).orElse(0);
            if (attempts >= maxRetries) {
                LOGGER.warn("{}: spamd gave no verdict after {} attempts, quarantined unchecked: {}", mail.getName(), attempts + 1, e.getMessage());
                quarantine(mail, List.of("unchecked"), Optional.empty());
                return;
            }
            LOGGER.warn("{}: spamd gave no verdict, forward retried in {}: {}", mail.getName(), retryDelay, e.getMessage());
            mail.setAttribute(new Attribute(ATTEMPTS, AttributeValue.of(attempts + 1)));
            spool.enQueue(mail, retryDelay);
            mail.setState(Mail.GHOST);
        }
    }

    private List<String> ownSignals(MethodResults ourResults) {
        List<String> reasons = new ArrayList<>();
        // Never forwarded, whatever quarantineDmarcFail says: no policy protects the domain the reader is shown.
        if (ourResults.says("dmarc", "permerror")) {
            reasons.add("dmarc=permerror");
        }
        if (quarantineDmarcFail && ourResults.says("dmarc", "fail")) {
            reasons.add("dmarc=fail");
        }
        if (quarantineSpfFail && ourResults.says("spf", "fail")) {
            reasons.add("spf=fail");
        }
        return reasons;
    }

    private void quarantine(Mail mail, List<String> reasons, Optional<SpamVerdict> verdict) throws MessagingException {
        String targets = mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.joining(","));
        mail.setAttribute(new Attribute(REASON, AttributeValue.of(String.join(",", reasons))));
        mail.setAttribute(new Attribute(TARGETS, AttributeValue.of(targets)));
        verdict.ifPresent(spam -> {
            mail.setAttribute(new Attribute(SCORE, AttributeValue.of(spam.score())));
            mail.setAttribute(new Attribute(THRESHOLD, AttributeValue.of(spam.threshold())));
            mail.setAttribute(new Attribute(REPORT, AttributeValue.of(spam.report())));
        });
        try {
            quarantine.store(mail);
        } catch (MessagingException | RuntimeException storeFailure) {
            // A full disk or a broken repository: keep the forward on the spool rather than bounce it or let it go.
            LOGGER.error("{}: cannot store the forward in the quarantine, retried in {}: {}", mail.getName(), retryDelay,
                storeFailure.getMessage(), storeFailure);
            spool.enQueue(mail, retryDelay);
            mail.setState(Mail.GHOST);
            return;
        }
        mail.setState(Mail.GHOST);
        ReputationCharges.charge(reputation, mail, Outcome.QUARANTINED);
        LOGGER.info("{}: forward to {} quarantined ({}{})", mail.getName(), targets, String.join(",", reasons),
            verdict.map(spam -> ", score " + spam.score() + "/" + spam.threshold()).orElse(""));
    }

    @Override
    public String getMailetInfo() {
        return "ForwardSpamCheck";
    }
}
