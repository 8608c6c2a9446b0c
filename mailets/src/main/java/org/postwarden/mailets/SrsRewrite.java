package org.postwarden.mailets;

import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.srs.Srs;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.SrsException;
import org.postwarden.srs.keys.SrsKeyring;

/**
 * Rewrites the envelope sender of a forwarded mail with SRS (SRS0=HHHH=TT=domain=local@forwarder), so that SPF
 * passes at the next hop for our own domain and bounces come back to us, to be reversed to the original sender.
 * Null senders and senders of our own domains are left as they are. Settings: conf/srs.properties.
 * <pre>{@code <mailet match="..." class="org.postwarden.mailets.SrsRewrite"/>}</pre>
 */
public class SrsRewrite extends GenericMailet {
    private final SrsKeyring keyring;
    private final SrsConfiguration configuration;
    private final DomainList domains;

    @Inject
    public SrsRewrite(SrsKeyring keyring, SrsConfiguration configuration, DomainList domains) {
        this.keyring = keyring;
        this.configuration = configuration;
        this.domains = domains;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> forwarder = configuration.domain();
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (forwarder.isEmpty() || sender.isEmpty() || isLocal(sender.get().getDomain())
            || !Srs.needsRewrite(sender.get().asString(), Set.of(forwarder.get()))) {
            return;
        }
        if (!(mail instanceof MailImpl rewritable)) {
            throw new MessagingException("SrsRewrite runs in James' mailet container only");
        }
        try {
            rewritable.setSender(new MailAddress(keyring.srs().forward(sender.get().asString(), forwarder.get())));
        } catch (SrsException e) {
            throw new MessagingException("cannot SRS-rewrite <" + sender.get().asString() + ">: " + e.getMessage(), e);
        }
    }

    private boolean isLocal(Domain domain) throws MessagingException {
        try {
            return domains.containsDomain(domain);
        } catch (DomainListException e) {
            throw new MessagingException("cannot tell whether " + domain.asString() + " is local", e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "SrsRewrite";
    }
}
