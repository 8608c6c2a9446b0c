package org.postwarden.smtp.data;

import org.apache.james.protocols.netty.AllButStartTlsLineBasedChannelHandler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/** James' SMTP line framer, which puts an {@link OverlongLineGuard} right after itself in the pipeline. */
public final class GuardedLineFramer extends AllButStartTlsLineBasedChannelHandler {
    /** Octets of a line without its CRLF, as in James 3.8.1's SMTPServer. */
    public static final int MAX_LINE_LENGTH = 8192;

    public GuardedLineFramer(ChannelPipeline pipeline, String startTls) {
        super(pipeline, MAX_LINE_LENGTH, false, startTls);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        ctx.pipeline().addAfter(ctx.name(), OverlongLineGuard.NAME, new OverlongLineGuard());
    }
}
