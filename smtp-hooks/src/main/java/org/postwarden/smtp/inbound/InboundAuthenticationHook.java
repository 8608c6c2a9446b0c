package org.postwarden.smtp.inbound;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.postwarden.authresults.AuthenticationResults;
import org.postwarden.authresults.AuthservId;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dmarc.report.DmarcEvaluations;
import org.postwarden.dmarc.report.DmarcReportLog;
import org.postwarden.glue.MessageBytes;
import org.postwarden.inbound.InboundAuthenticator;
import org.postwarden.inbound.InboundVerdict;
import org.postwarden.inbound.VerdictAttributes;
import org.postwarden.spf.SpfResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPF, DKIM, ARC and DMARC at the end of DATA, while the client still waits for the reply: a DMARC {@code p=reject}
 * failure, and mail whose author domain cannot be determined (no From field, several, none that parses; RFC 7489
 * §6.6.1), is refused with 550 5.7.1 (no bounce is ever generated), everything else gets one Authentication-Results
 * header (incoming ones claiming our authserv-id, in any case and with or without a trailing dot, are removed as
 * forgeries, RFC 8601 §5), one Received-SPF header (incoming ones are removed: ours is the only SPF result of this
 * hop a reader can trust, RFC 7208 §9.1), and mail
 * attributes for matchers. Evaluations under a DMARC record with rua= are kept for the aggregate reports (accepted and
 * refused mail alike, but not a temporary refusal: the message comes back). Authenticated sessions and trusted
 * networks are not checked. Settings:
 * conf/authentication.properties. In smtpserver.xml, before CoreCmdHandlerLoader:
 * <pre>{@code <handler class="org.postwarden.smtp.inbound.InboundAuthenticationHook"/>}</pre>
 */
public class InboundAuthenticationHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboundAuthenticationHook.class);

    private final InboundAuthenticator authenticator;
    private final MetricFactory metrics;
    private final DmarcReportLog reports;
    private final Clock clock;

    @Inject
    public InboundAuthenticationHook(InboundAuthenticator authenticator, MetricFactory metrics, DmarcReportLog reports,
                                     Clock clock) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() != null || session.isRelayingAllowed()) {
            return HookResult.DECLINED;
        }
        try {
            // As received: RFC 6532 UTF-8 in the From field must reach the parser, and DKIM hashes the octets sent.
            byte[] message = MessageBytes.readAsReceived(mail);
            String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
            String mailFrom = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("");
            InboundVerdict verdict = authenticator.authenticate(message, session.getRemoteAddress().getAddress(), helo, mailFrom);
            metrics.generate("postwarden.inbound." + verdict.disposition().name().toLowerCase()).increment();
            recordForReports(verdict);
            return switch (verdict.disposition()) {
                case REJECT -> refuse(session, mailFrom, verdict, HookReturnCode.deny(), "550", "5.7.1 ");
                case TEMPFAIL -> refuse(session, mailFrom, verdict, HookReturnCode.denySoft(), "451", "4.7.0 ");
                case ACCEPT, QUARANTINE -> record(mail, message, verdict);
            };
        } catch (MessagingException e) {
            LOGGER.error("cannot read the message to authenticate it", e);
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("451")
                .smtpDescription("4.3.0 Temporary failure while reading the message, try again later").build();
        }
    }

    /** For the domain's DMARC aggregate reports; a store failure costs a report line, never the message. */
    private void recordForReports(InboundVerdict verdict) {
        try {
            DmarcEvaluations.of(verdict, clock.instant()).ifPresent(reports::record);
        } catch (RuntimeException e) {
            LOGGER.warn("DMARC evaluation of {} not recorded for aggregate reports: {}",
                verdict.dmarc().headerFrom().orElse("?"), e.getMessage());
        }
    }

    private HookResult refuse(SMTPSession session, String mailFrom, InboundVerdict verdict, HookReturnCode code,
                              String smtpCode, String enhancedCode) {
        LOGGER.info("refused {} message from {} (MAIL FROM <{}>): {}; {}", smtpCode,
            session.getRemoteAddress().getAddress().getHostAddress(), mailFrom, verdict.reason(),
            verdict.authenticationResults().headerField().replace("\r\n\t", " "));
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode)
            .smtpDescription(enhancedCode + verdict.reason()).build();
    }

    private HookResult record(Mail mail, byte[] message, InboundVerdict verdict) throws MessagingException {
        String authservId = authenticator.policy().authservId();
        AuthenticationResults header = verdict.authenticationResults();
        byte[] rewritten = RawMessage.parse(message).rewriteHeaders(
            List.of(header.headerField(), SpfResult.RECEIVED_SPF + ": " + verdict.spf().receivedSpf(authservId)),
            field -> !(field.hasName(AuthenticationResults.HEADER_NAME) && AuthservId.isOurs(field.value(), authservId))
                && !field.hasName(SpfResult.RECEIVED_SPF));
        MessageBytes.replace(mail, rewritten);
        VerdictAttributes.of(verdict).forEach((name, value) -> mail.setAttribute(new Attribute(AttributeName.of(name), attributeValue(value))));
        return HookResult.DECLINED;
    }

    private static AttributeValue<?> attributeValue(Object value) {
        if (value instanceof Collection<?> values) {
            return AttributeValue.of(values.stream().<AttributeValue<?>>map(item -> AttributeValue.of(item.toString())).toList());
        }
        return AttributeValue.of(value.toString());
    }
}
