package org.postwarden.smtp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.postwarden.connection.ConnectionHygieneSettings;
import org.postwarden.connection.ConnectionsPerAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class ConnectionHygieneHandlerTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void theConnectionOverTheCapIsRefusedBeforeJamesSeesIt() {
        ConnectionHygieneSettings settings = new ConnectionHygieneSettings(1, Duration.ZERO, Duration.ZERO);
        Optional<ConnectionsPerAddress> connections = Optional.of(new ConnectionsPerAddress(1));
        James first = new James();
        EmbeddedChannel admitted = channel(settings, connections, first);
        James second = new James();
        EmbeddedChannel refused = channel(settings, connections, second);

        assertThat(first.active).isTrue();
        assertThat(second.active).isFalse();
        assertThat(written(refused)).isEqualTo("421 4.7.0 mx.test Too many connections from your address, try again later\r\n");
        assertThat(refused.isOpen()).isFalse();

        admitted.close();
        James third = new James();
        channel(settings, connections, third);
        assertThat(third.active).isTrue();
    }

    @Test
    void talkingBeforeTheGreetingIsRefused() {
        James james = new James();
        EmbeddedChannel channel = channel(new ConnectionHygieneSettings(0, Duration.ZERO, Duration.ofSeconds(1)), Optional.empty(), james);

        channel.writeInbound(bytes("EHLO bot\r\n"));

        assertThat(written(channel)).isEqualTo("554 5.5.1 mx.test Protocol error: talked before greeting\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(james.active).isFalse();
        assertThat(james.reads).isEmpty();
    }

    @Test
    void theGreetingComesAfterTheWait() {
        James james = new James();
        EmbeddedChannel channel = channel(new ConnectionHygieneSettings(0, Duration.ZERO, Duration.ofSeconds(1)), Optional.empty(), james);
        assertThat(james.active).isFalse();

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(james.active).isTrue();
        channel.writeInbound(bytes("EHLO client\r\n"));
        assertThat(james.reads).containsExactly("EHLO client\r\n");
    }

    @Test
    void aTrickledLineIsCutAtTheDeadlineWhateverItsPace() {
        James james = new James();
        EmbeddedChannel channel = channel(new ConnectionHygieneSettings(0, Duration.ofSeconds(3), Duration.ZERO), Optional.empty(), james);

        channel.writeInbound(bytes("E"));
        elapse(channel, Duration.ofSeconds(2));
        channel.writeInbound(bytes("H"));
        elapse(channel, Duration.ofMillis(900));
        assertThat(channel.isOpen()).isTrue();
        elapse(channel, Duration.ofMillis(200));

        assertThat(written(channel)).isEqualTo("421 4.4.2 mx.test Error: command timeout, closing connection\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void endedLinesKeepTheConnection() {
        James james = new James();
        EmbeddedChannel channel = channel(new ConnectionHygieneSettings(0, Duration.ofSeconds(3), Duration.ZERO), Optional.empty(), james);

        channel.writeInbound(bytes("NOOP"));
        elapse(channel, Duration.ofSeconds(2));
        channel.writeInbound(bytes("\r\n"));
        elapse(channel, Duration.ofSeconds(10));

        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    private EmbeddedChannel channel(ConnectionHygieneSettings settings, Optional<ConnectionsPerAddress> connections, James james) {
        return new EmbeddedChannel(new ConnectionHygieneHandler(settings, connections, "mx.test", now::get), james);
    }

    private void elapse(EmbeddedChannel channel, Duration duration) {
        now.addAndGet(duration.toNanos());
        channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static String written(EmbeddedChannel channel) {
        ByteBuf reply = channel.readOutbound();
        try {
            return reply.toString(StandardCharsets.US_ASCII);
        } finally {
            reply.release();
        }
    }

    /** Stands for James' handlers behind ours. */
    private static final class James extends ChannelInboundHandlerAdapter {
        private boolean active;
        private final List<String> reads = new ArrayList<>();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            active = true;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ByteBuf bytes = (ByteBuf) message;
            reads.add(bytes.toString(StandardCharsets.US_ASCII));
            bytes.release();
        }
    }
}
