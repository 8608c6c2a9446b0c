package org.postwarden.mailets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.MxRecord;
import org.postwarden.dns.RecordType;
import org.postwarden.glue.MessageBytes;
import org.postwarden.mtasts.DeliveryOutcome;
import org.postwarden.mtasts.EnforcedDelivery;
import org.postwarden.mtasts.MtaStsConfiguration;
import org.postwarden.mtasts.MtaStsDeliverySettings;
import org.postwarden.mtasts.MtaStsPolicy;
import org.postwarden.mtasts.MtaStsResolver;
import org.postwarden.mtasts.PolicyDiscovery;
import org.postwarden.mtasts.RequiredTlsSmtpClient;
import org.postwarden.mtasts.TlsConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MTA-STS (RFC 8461) for outbound mail, just before RemoteDelivery. Recipients whose domain has an {@code enforce}
 * policy are delivered here, only to the MX hosts the policy lists and only over STARTTLS with a certificate valid
 * for the MX name; when that is not possible they wait on the spool (state {@code retryProcessor}, the processor
 * holding this mailet) and are tried again after {@code delayTime}, then bounced through {@code bounceProcessor}
 * after {@code maxRetries}. Other recipients go on to RemoteDelivery: {@code testing} policies are only logged
 * (an MX host outside the policy), domains without a policy get opportunistic STARTTLS as before.
 * <pre>{@code
 * <mailet match="All" class="org.postwarden.mailets.MtaStsDelivery"/>
 * }</pre>
 * Every setting is in conf/mta-sts.properties ({@link MtaStsDeliverySettings}: retryProcessor, bounceProcessor,
 * delayTime, maxRetries, heloName; trust store, timeout and, for tests, ports). The attributes of the same names that
 * earlier versions read in mailetcontainer.xml are still honoured, with a warning.
 */
public class MtaStsDelivery extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(MtaStsDelivery.class);
    public static final AttributeName ATTEMPTS = AttributeName.of("postwarden.mtasts.attempts");
    /** What RemoteDelivery's bounces carry, read by DSNBounce. */
    private static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");

    private final MtaStsResolver mtaSts;
    private final DnsResolver resolver;
    private final TlsConnector connector;
    private final MtaStsConfiguration configuration;
    private final MtaStsDeliverySettings configured;
    private final DomainList domains;
    private final MailQueueFactory<?> queues;
    private MailQueue spool;
    private EnforcedDelivery delivery;
    private String retryProcessor;
    private String bounceProcessor;
    private List<Duration> delays;
    private int maxRetries;

    @Inject
    public MtaStsDelivery(MtaStsResolver mtaSts, DnsResolver resolver, TlsConnector connector, MtaStsConfiguration configuration,
                          MtaStsDeliverySettings configured, DomainList domains, MailQueueFactory<?> queues) {
        this.mtaSts = mtaSts;
        this.resolver = resolver;
        this.connector = connector;
        this.configuration = configuration;
        this.configured = configured;
        this.domains = domains;
        this.queues = queues;
    }

    @Override
    public void init() throws MessagingException {
        spool = queues.createQueue(MailQueueFactory.SPOOL);
        MtaStsDeliverySettings settings = MtaStsLegacyAttributes.over(configured, this::getInitParameter,
            LOGGER::warn);
        retryProcessor = settings.retryProcessor();
        bounceProcessor = settings.bounceProcessor();
        delays = settings.delays();
        maxRetries = settings.maxRetries();
        String heloName;
        try {
            heloName = settings.heloName().isPresent() ? settings.heloName().get() : domains.getDefaultDomain().asString();
        } catch (DomainListException e) {
            throw new MessagingException("MtaStsDelivery: no heloName and no default domain", e);
        }
        delivery = new EnforcedDelivery(resolver, new RequiredTlsSmtpClient(connector, heloName), configuration.smtpPort());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Map<String, List<MailAddress>> byDomain = new LinkedHashMap<>();
        mail.getRecipients().forEach(recipient -> byDomain.computeIfAbsent(recipient.getDomain().asString(), domain -> new ArrayList<>()).add(recipient));
        List<MailAddress> remaining = new ArrayList<>();
        for (Map.Entry<String, List<MailAddress>> destination : byDomain.entrySet()) {
            PolicyDiscovery discovery = mtaSts.policyFor(destination.getKey());
            if (discovery.enforced()) {
                deliver(mail, destination.getKey(), discovery.policy().orElseThrow(), destination.getValue());
            } else {
                discovery.policy().filter(policy -> policy.mode() == MtaStsPolicy.Mode.TESTING)
                    .ifPresent(policy -> logTesting(mail, destination.getKey(), policy));
                remaining.addAll(destination.getValue());
            }
        }
        mail.setRecipients(remaining);
        if (remaining.isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    private void deliver(Mail mail, String domain, MtaStsPolicy policy, List<MailAddress> recipients) throws MessagingException {
        DeliveryOutcome outcome = delivery.deliver(domain, policy, mail.getMaybeSender().asString(""),
            recipients.stream().map(MailAddress::asString).toList(), MessageBytes.read(mail));
        if (!outcome.delivered().isEmpty()) {
            LOGGER.info("{} delivered to {} under the MTA-STS policy of {}", mail.getName(), outcome.delivered(), domain);
        }
        if (!outcome.refused().isEmpty()) {
            bounce(mail, select(recipients, outcome.refused().keySet()), describe(outcome.refused()));
        }
        if (!outcome.deferred().isEmpty()) {
            retryOrBounce(mail, domain, select(recipients, outcome.deferred().keySet()), describe(outcome.deferred()));
        }
    }

    private void retryOrBounce(Mail mail, String domain, List<MailAddress> recipients, String reason) throws MessagingException {
        int attempts = mail.getAttribute(ATTEMPTS).flatMap(attribute -> attribute.getValue().valueAs(Integer.class)).orElse(0);
        if (attempts >= maxRetries) {
            LOGGER.warn("{} to {} bounced after {} attempts under the MTA-STS policy of {}: {}", mail.getName(), recipients,
                attempts + 1, domain, reason);
            bounce(mail, recipients, reason);
            return;
        }
        Duration delay = delays.get(Math.min(attempts, delays.size() - 1));
        LOGGER.warn("{} to {} not delivered, retried in {} (MTA-STS policy of {} enforced): {}", mail.getName(), recipients,
            delay, domain, reason);
        MailImpl later = MailImpl.duplicate(mail);
        later.setRecipients(recipients);
        later.setAttribute(new Attribute(ATTEMPTS, AttributeValue.of(attempts + 1)));
        later.setState(retryProcessor);
        spool.enQueue(later, delay);
        later.dispose();
    }

    private void bounce(Mail mail, Collection<MailAddress> recipients, String reason) throws MessagingException {
        if (!mail.hasSender()) {
            LOGGER.warn("{} to {} undeliverable, no bounce to a null sender: {}", mail.getName(), recipients, reason);
            return;
        }
        MailImpl failed = MailImpl.duplicate(mail);
        failed.setRecipients(recipients);
        failed.setErrorMessage(reason);
        failed.setAttribute(new Attribute(DELIVERY_ERROR, AttributeValue.of(reason)));
        getMailetContext().sendMail(failed, bounceProcessor);
        failed.dispose();
    }

    private void logTesting(Mail mail, String domain, MtaStsPolicy policy) {
        List<String> outside = resolver.lookup(domain, RecordType.MX).mxRecords().stream()
            .map(MxRecord::exchange).filter(host -> !policy.allows(host)).toList();
        if (!outside.isEmpty()) {
            LOGGER.warn("{}: MTA-STS testing policy of {} fails for MX {} (mx: {}); delivered anyway", mail.getName(), domain,
                outside, policy.mx());
        }
    }

    private static List<MailAddress> select(List<MailAddress> recipients, Collection<String> addresses) {
        return recipients.stream().filter(recipient -> addresses.contains(recipient.asString())).toList();
    }

    private static String describe(Map<String, String> reasons) {
        return reasons.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining("\n"));
    }

    @Override
    public String getMailetInfo() {
        return "MtaStsDelivery";
    }
}
