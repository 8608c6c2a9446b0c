package org.postwarden.mailets;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.dkim.DkimCrypto;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dkim.keys.DkimKey;
import org.postwarden.dkim.keys.DkimKeyManager;
import org.postwarden.dkim.keys.DkimSigners;
import org.postwarden.glue.MessageBytes;
import org.postwarden.identity.HeaderAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs outgoing mail with every active DKIM key of its From domain (RFC 6376, RFC 8463): rsa-sha256 and
 * ed25519-sha256 when both exist, c=relaxed/relaxed, oversigned From, To, Cc, Subject, Date, Reply-To,
 * Message-ID and MIME headers, no l=. Keys are managed over webadmin (/postwarden/dkim/domains/...). It must be the last
 * mailet before RemoteDelivery, after everything that can change the message:
 * <pre>{@code
 * <mailet match="All" class="org.postwarden.mailets.DkimSign"/>
 * <mailet match="All" class="RemoteDelivery"> ...
 * }</pre>
 * Mail whose From domain has no active key is left unsigned.
 */
public class DkimSign extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimSign.class);

    private final DkimKeyManager keys;
    private final DkimSigners signers;

    @Inject
    public DkimSign(DkimKeyManager keys, Clock clock) {
        this.keys = keys;
        this.signers = new DkimSigners(clock);
    }

    @Override
    public void init() {
        // Chooses the signature provider, and logs it, at start rather than at the first mail.
        DkimCrypto.active();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        RawMessage message = RawMessage.parse(MessageBytes.read(mail));
        Optional<String> domain = HeaderAddresses.of(message, "From").flatMap(addresses -> addresses.stream().findFirst())
            .map(HeaderAddresses::domain);
        if (domain.isEmpty()) {
            return;
        }
        List<DkimKey> signingKeys = keys.signingKeys(domain.get());
        if (signingKeys.isEmpty()) {
            LOGGER.debug("no active DKIM key for {}, {} leaves unsigned", domain.get(), mail.getName());
            return;
        }
        List<String> signatures = signingKeys.stream().map(key -> signers.forKey(key).sign(message)).toList();
        MessageBytes.replace(mail, message.rewriteHeaders(signatures, field -> true));
    }

    @Override
    public String getMailetInfo() {
        return "DkimSign";
    }
}
