package org.postwarden.smtp.data;

import org.apache.james.protocols.netty.AllButStartTlsLineBasedChannelHandler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/** James' SMTP line framer, which puts an {@link OverlongLineGuard} right after itself in the pipeline. */
final class GuardedLineFramer extends AllButStartTlsLineBasedChannelHandler {

    GuardedLineFramer(ChannelPipeline pipeline, int maxLineLength, String startTls) {
        super(pipeline, maxLineLength, false, startTls);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        ctx.pipeline().addAfter(ctx.name(), OverlongLineGuard.NAME, new OverlongLineGuard());
    }
}
