package org.postwarden.smtp.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.postwarden.connection.CommandLineClock;
import org.postwarden.connection.ConnectionHygieneSettings;
import org.postwarden.connection.ConnectionsPerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;

/**
 * The first handler of an SMTP connection, in front of James' own (and behind TLS, so it reads plain text): it
 * refuses the connection over the per-address cap with {@code 421 4.7.0}, holds the greeting back for the pregreet
 * wait and refuses a client that talks during it with {@code 554 5.5.1} (RFC 5321 §3.1: 554 instead of 220 refuses
 * the connection), and closes with {@code 421 4.4.2} a connection whose command line does not end within the command
 * deadline. James never sees a refused connection: its handlers get no channelActive, hence no session, no greeting.
 * One instance per connection; everything runs on the connection's event loop, which it never blocks.
 */
public final class ConnectionHygieneHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionHygieneHandler.class);

    private final ConnectionHygieneSettings settings;
    private final Optional<ConnectionsPerAddress> connections;
    private final String helloName;
    private final Optional<CommandLineClock> lineClock;
    private final LongSupplier nanoTime;
    private String address = "";
    private boolean counted;
    private boolean passedOn;
    private boolean refused;
    private ScheduledFuture<?> greeting;
    private ScheduledFuture<?> lineCheck;

    public ConnectionHygieneHandler(ConnectionHygieneSettings settings, Optional<ConnectionsPerAddress> connections, String helloName) {
        this(settings, connections, helloName, System::nanoTime);
    }

    ConnectionHygieneHandler(ConnectionHygieneSettings settings, Optional<ConnectionsPerAddress> connections, String helloName,
                             LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.settings = settings;
        this.connections = connections;
        this.helloName = helloName;
        this.lineClock = settings.deadlinesCommands()
            ? Optional.of(new CommandLineClock(settings.commandDeadline())) : Optional.empty();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        address = hostAddress(ctx.channel().remoteAddress());
        if (connections.isPresent()) {
            if (!connections.get().tryOpen(address)) {
                LOGGER.info("refused a connection from {}: it already holds {} connections", address, settings.perAddressLimit());
                refuse(ctx, "421 4.7.0 " + helloName + " Too many connections from your address, try again later");
                return;
            }
            counted = true;
        }
        if (settings.waitsBeforeGreeting()) {
            greeting = ctx.executor().schedule(() -> greet(ctx), settings.pregreetWait().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        greet(ctx);
    }

    private void greet(ChannelHandlerContext ctx) {
        greeting = null;
        if (!refused && ctx.channel().isActive()) {
            passedOn = true;
            ctx.fireChannelActive();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (refused) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (!passedOn) {
            ReferenceCountUtil.release(message);
            greeting.cancel(false);
            greeting = null;
            LOGGER.info("refused a connection from {}: it talked before the greeting", address);
            refuse(ctx, "554 5.5.1 " + helloName + " Protocol error: talked before greeting");
            return;
        }
        if (lineClock.isPresent() && message instanceof ByteBuf bytes && bytes.isReadable()) {
            boolean hasLineFeed = bytes.forEachByte(ByteProcessor.FIND_LF) >= 0;
            boolean endsLine = bytes.getByte(bytes.writerIndex() - 1) == '\n';
            lineClock.get().onRead(endsLine, hasLineFeed, nanoTime.getAsLong());
            watchLine(ctx);
        }
        ctx.fireChannelRead(message);
    }

    private void watchLine(ChannelHandlerContext ctx) {
        if (lineCheck != null) {
            return;
        }
        lineClock.get().overdueIn(nanoTime.getAsLong()).ifPresent(remaining ->
            lineCheck = ctx.executor().schedule(() -> checkLine(ctx), Math.max(remaining.toNanos(), 0), TimeUnit.NANOSECONDS));
    }

    private void checkLine(ChannelHandlerContext ctx) {
        lineCheck = null;
        if (refused || !ctx.channel().isActive()) {
            return;
        }
        Optional<Duration> remaining = lineClock.get().overdueIn(nanoTime.getAsLong());
        if (remaining.isPresent() && !remaining.get().isNegative() && !remaining.get().isZero()) {
            watchLine(ctx);
        } else if (remaining.isPresent()) {
            LOGGER.info("closed the connection from {}: a command line took over {}", address, settings.commandDeadline());
            refuse(ctx, "421 4.4.2 " + helloName + " Error: command timeout, closing connection");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) {
            connections.get().close(address);
            counted = false;
        }
        if (greeting != null) {
            greeting.cancel(false);
        }
        if (lineCheck != null) {
            lineCheck.cancel(false);
        }
        if (passedOn) {
            ctx.fireChannelInactive();
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reply) {
        refused = true;
        ctx.writeAndFlush(Unpooled.copiedBuffer(reply + "\r\n", StandardCharsets.US_ASCII))
            .addListener(ChannelFutureListener.CLOSE);
    }

    private static String hostAddress(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
            ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }
}
