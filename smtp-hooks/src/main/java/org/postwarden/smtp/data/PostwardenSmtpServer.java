package org.postwarden.smtp.data;

import org.apache.james.protocols.netty.ChannelHandlerFactory;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SmtpMetrics;

/**
 * James' SMTP server with a line framer that lets {@link MessageLimits} refuse a message with an overlong line at
 * the end of DATA instead of answering in the middle of it ({@link OverlongLineGuard}). The line limit stays James'.
 */
public class PostwardenSmtpServer extends SMTPServer {
    /** Octets of a line without its CRLF, as in James 3.8.1's SMTPServer. */
    public static final int MAX_LINE_LENGTH = 8192;
    private static final String STARTTLS = "starttls";

    public PostwardenSmtpServer(SmtpMetrics metrics) {
        super(metrics);
    }

    @Override
    protected ChannelHandlerFactory createFrameHandlerFactory() {
        return pipeline -> new GuardedLineFramer(pipeline, MAX_LINE_LENGTH, STARTTLS);
    }
}
