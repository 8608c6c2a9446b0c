package org.postwarden.smtp.greylist;


import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postwarden.greylist.GreylistGate;
import org.postwarden.greylist.GreylistGate.Outcome;
import org.postwarden.smtp.LocalDomains;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greylisting at RCPT time: an unknown (client network, sender, recipient) triplet gets {@code 451 4.7.1} with
 * the delay to wait; the settings are in conf/greylist.properties. List it in smtpserver.xml's handlerchain of
 * the MX server, before CoreCmdHandlerLoader:
 * <pre>{@code <handler class="org.postwarden.smtp.greylist.GreylistHook"/>}</pre>
 * A greylist store failure accepts the recipient (fail open): greylisting never blocks mail by its own fault.
 */
public class GreylistHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(GreylistHook.class);

    private final GreylistGate gate;
    private final DomainList domains;

    @Inject
    public GreylistHook(GreylistGate gate, DomainList domains) {
        this.gate = gate;
        this.domains = domains;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        if (!session.isRelayingAllowed() && !LocalDomains.isLocal(domains, recipient)) {
            // A relay attempt: James' relay check refuses it with 550, no triplet is worth storing.
            return HookResult.DECLINED;
        }
        GreylistGate.Client client = new GreylistGate.Client(
            session.getRemoteAddress().getAddress(),
            session.getUsername() != null,
            session.isRelayingAllowed(),
            session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection));
        String envelopeSender = sender.asOptional().map(MailAddress::asString).orElse("");
        Outcome outcome = gate.check(client, envelopeSender, recipient.asString());
        log(client, envelopeSender, recipient, outcome);
        if (!outcome.refuses(gate.settings())) {
            return HookResult.DECLINED;
        }
        long seconds = (outcome.retryIn().orElseThrow().toMillis() + 999) / 1000;
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode("451")
            .smtpDescription("4.7.1 Greylisted: first delivery attempt from your network for this sender and recipient,"
                + " please retry in " + Math.max(seconds, 1) + " seconds")
            .build();
    }

    private void log(GreylistGate.Client client, String sender, MailAddress recipient, Outcome outcome) {
        switch (outcome.verdict()) {
            case DEFERRED -> LOGGER.info("{}greylisted {} from <{}> to <{}>: {}, retry in {}",
                gate.settings().dryRun() ? "[dry run] would have " : "", client.ip().getHostAddress(), sender, recipient,
                outcome.why(), outcome.retryIn().map(Object::toString).orElse(""));
            case FAILED_OPEN -> LOGGER.warn("greylisting skipped for {} from <{}> to <{}>: {}",
                client.ip().getHostAddress(), sender, recipient, outcome.why());
            default -> LOGGER.debug("greylist {} for {} from <{}> to <{}>: {}", outcome.verdict(),
                client.ip().getHostAddress(), sender, recipient, outcome.why());
        }
    }
}
