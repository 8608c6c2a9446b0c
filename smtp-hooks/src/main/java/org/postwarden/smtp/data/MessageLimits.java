package org.postwarden.smtp.data;

import java.math.BigInteger;
import java.util.regex.Pattern;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/**
 * The limits of what DATA carries, in place of James' {@link MailSizeEsmtpExtension} (bound through Guice, so the
 * CoreCmdHandlerLoader of every SMTP server uses it):
 * <ul>
 *   <li>{@code MAIL FROM:<…> SIZE=n} (RFC 1870 §3: {@code size-value = 1*20DIGIT}): anything but digits, such as
 *   {@code -1}, gets {@code 501 5.5.4}; a size over {@code <maxmessagesize>}, however many digits, {@code 552 5.3.4
 *   Message too large}.</li>
 *   <li>A message that turns out larger than the limit gets the same {@code 552 5.3.4 Message too large} at the end
 *   of DATA (James says {@code 552 Quota exceeded}, which reads like a full mailbox).</li>
 *   <li>A message with a line longer than {@link GuardedLineFramer#MAX_LINE_LENGTH} octets, which the framer
 *   cannot keep ({@link OverlongLineGuard}), is refused as a whole at the end of DATA with {@code 554 5.6.0}: it is
 *   never delivered without the line.</li>
 * </ul>
 */
public class MessageLimits extends MailSizeEsmtpExtension {
    private static final Pattern SIZE_VALUE = Pattern.compile("[0-9]{1,20}");
    private static final String TOO_LARGE_CODE = "552";
    private static final String TOO_LARGE_TEXT = "5.3.4 Message too large";
    private static final HookResult SIZE_SYNTAX = refusal(HookReturnCode.deny(), "501",
        "5.5.4 Syntax error in SIZE parameter: a number of octets expected");
    private static final HookResult TOO_LARGE = refusal(HookReturnCode.deny(), TOO_LARGE_CODE, TOO_LARGE_TEXT);
    private static final HookResult LINE_TOO_LONG = refusal(HookReturnCode.deny(), "554",
        "5.6.0 Message refused: a line is longer than " + GuardedLineFramer.MAX_LINE_LENGTH + " octets");

    @Override
    public HookResult doMailParameter(SMTPSession session, String paramName, String paramValue) {
        if (!SIZE_VALUE.matcher(paramValue).matches()) {
            return SIZE_SYNTAX;
        }
        long maxMessageSize = session.getConfiguration().getMaxMessageSize();
        BigInteger declared = new BigInteger(paramValue);
        if (maxMessageSize > 0 && declared.compareTo(BigInteger.valueOf(maxMessageSize)) > 0) {
            return TOO_LARGE;
        }
        if (declared.bitLength() >= Integer.SIZE) {
            // Within an unlimited server's bounds, but more than James can record: nothing to check.
            return HookResult.DECLINED;
        }
        return super.doMailParameter(session, paramName, paramValue);
    }

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Response response = super.onLine(session, line, next);
        if (response != null && TOO_LARGE_CODE.equals(response.getRetCode())
            && response.getLines().stream().anyMatch(text -> text.toString().contains("Quota exceeded"))) {
            return new SMTPResponse(TOO_LARGE_CODE, TOO_LARGE_TEXT);
        }
        return response;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        if (session.getAttachment(OverlongLineGuard.OVERLONG_LINE, ProtocolSession.State.Transaction).orElse(false)) {
            return LINE_TOO_LONG;
        }
        HookResult result = super.onMessage(session, mail);
        return TOO_LARGE_CODE.equals(result.getSmtpRetCode()) ? TOO_LARGE : result;
    }

    private static HookResult refusal(HookReturnCode code, String smtpCode, String text) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(text).build();
    }
}
