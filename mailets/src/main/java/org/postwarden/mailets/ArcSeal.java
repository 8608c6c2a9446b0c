package org.postwarden.mailets;

import java.time.Clock;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.arc.ArcForwardSeal;
import org.postwarden.arc.ArcForwardSealer;
import org.postwarden.arc.ArcSealer;
import org.postwarden.arc.ArcValidator;
import org.postwarden.dkim.DkimAlgorithm;
import org.postwarden.dkim.DkimCrypto;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dkim.keys.DkimKey;
import org.postwarden.dkim.keys.DkimKeyManager;
import org.postwarden.dns.DnsResolver;
import org.postwarden.glue.MessageBytes;
import org.postwarden.inbound.InboundAuthenticator;
import org.postwarden.srs.SrsConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds an ARC set (RFC 8617) to a forwarded mail: our inbound Authentication-Results copied into the
 * ARC-Authentication-Results, an ARC-Message-Signature and an ARC-Seal with the active RSA DKIM key of the
 * {@code domain} parameter (the forwarding domain, keys managed at /postwarden/dkim/domains; default: srs.properties' domain;
 * none turns sealing off). Only mail that we checked on the
 * way in (it carries our Authentication-Results) is sealed, never one without a determinable author domain
 * ({@code dmarc=permerror}); a chain that already failed is not extended. Last in
 * the relay processor, after every mailet that changes the message:
 * <pre>{@code <mailet match="SentByMailet" class="org.postwarden.mailets.ArcSeal"><domain>forward.example.com</domain></mailet>}</pre>
 */
public class ArcSeal extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ArcSeal.class);

    private final DkimKeyManager keys;
    private final ArcForwardSealer sealer;
    private final String authservId;
    private final Clock clock;
    private String domain;

    private final SrsConfiguration srs;

    @Inject
    public ArcSeal(DkimKeyManager keys, DnsResolver resolver, InboundAuthenticator inbound, SrsConfiguration srs, Clock clock) {
        this.keys = keys;
        this.srs = srs;
        this.authservId = inbound.policy().authservId();
        this.sealer = new ArcForwardSealer(new ArcValidator(resolver, clock), authservId);
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        domain = getInitParameter("domain", srs.domain().orElse("")).trim();
        // Chooses the signature provider, and logs it, at start rather than at the first mail.
        DkimCrypto.active();
        if (domain.isEmpty()) {
            LOGGER.warn("ARC sealing is off: give ArcSeal a <domain>, or srs.properties a domain");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (domain.isEmpty()) {
            return;
        }
        RawMessage message = RawMessage.parse(MessageBytes.read(mail));
        ArcForwardSeal seal = sealer.seal(message, () -> sealerFor(mail));
        switch (seal.status()) {
            case SEALED -> MessageBytes.replace(mail, seal.message().orElseThrow());
            case DMARC_PERMERROR ->
                LOGGER.warn("{} not ARC-sealed: our Authentication-Results say dmarc=permerror", mail.getName());
            case CHAIN_TERMINATED, INSTANCE_LIMIT ->
                LOGGER.info("{} forwarded without an ARC seal: {}", mail.getName(), seal.status());
            default -> {
                // NOT_CHECKED_BY_US is not ours to seal; NO_KEY was logged when the key was looked up.
            }
        }
    }

    private Optional<ArcSealer> sealerFor(Mail mail) {
        Optional<DkimKey> key = keys.signingKeys(domain).stream()
            .filter(candidate -> candidate.algorithm() == DkimAlgorithm.RSA_SHA256)
            .findFirst();
        if (key.isEmpty()) {
            LOGGER.warn("{} forwarded without an ARC seal: {} has no active RSA DKIM key", mail.getName(), domain);
            return Optional.empty();
        }
        return Optional.of(ArcSealer.withKey(key.get().privateKey()).domain(domain).selector(key.get().selector())
            .authservId(authservId).clock(clock).build());
    }

    @Override
    public String getMailetInfo() {
        return "ArcSeal";
    }
}
