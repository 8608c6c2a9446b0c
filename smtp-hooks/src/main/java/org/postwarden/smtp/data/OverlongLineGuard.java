package org.postwarden.smtp.data;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataCmdHandler;
import org.apache.james.smtpserver.ExtendedSMTPSession;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Sits right after the line framer. James' framer drops a line longer than its limit and reports it; James answers
 * such a report with {@code 500 Line length exceeded} at once. Inside DATA that answer is out of step (the client
 * waits for the reply to the final dot) and the message would go on without the line, so there the report is
 * swallowed and the transaction marked: {@link MessageLimits} refuses the whole message at the end of DATA. Outside
 * DATA (an overlong command) James' answer stands. The session state read here is the core handler's, which runs
 * on the same event loop and has seen every line before this report.
 */
public final class OverlongLineGuard extends ChannelInboundHandlerAdapter {
    public static final String NAME = "postwardenOverlongLineGuard";
    public static final ProtocolSession.AttachmentKey<Boolean> OVERLONG_LINE =
        ProtocolSession.AttachmentKey.of("postwarden.overlongDataLine", Boolean.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof TooLongFrameException
            && ctx.channel().attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get() instanceof SMTPSession session
            && inData(session)) {
            session.setAttachment(OVERLONG_LINE, Boolean.TRUE, ProtocolSession.State.Transaction);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /** James' DATA handler spools the message into the session's writer, from DATA until the end of DATA. */
    private static boolean inData(SMTPSession session) {
        if (session instanceof ExtendedSMTPSession james) {
            return james.getMimeMessageWriter() != null;
        }
        return session.getAttachment(DataCmdHandler.MAILENV, ProtocolSession.State.Transaction).isPresent();
    }
}
