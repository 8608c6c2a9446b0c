package org.postwarden.smtp.server;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.netty.ChannelHandlerFactory;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SmtpMetrics;
import org.postwarden.connection.ConnectionHygieneSettings;
import org.postwarden.connection.ConnectionsPerAddress;
import org.postwarden.smtp.connection.ConnectionHygieneHandler;
import org.postwarden.smtp.data.GuardedLineFramer;
import org.postwarden.smtp.data.MessageLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * James' SMTP server with Postwarden's two network-level guards, which James 3.8.1's handler chain cannot express:
 * <ul>
 *   <li>{@link ConnectionHygieneHandler} in front of every connection (per-address cap answered with 421, command
 *   deadline, pregreet test);</li>
 *   <li>a line framer that lets {@link MessageLimits} refuse a message with an overlong line at the end of DATA
 *   instead of answering in the middle of it ({@link GuardedLineFramer}). The line limit stays James'.</li>
 * </ul>
 * Each {@code <smtpserver>} block of smtpserver.xml takes, beside James' keys:
 * <pre>{@code
 * <connectionLimitPerIP>10</connectionLimitPerIP>  <!-- James' key; one more connection gets 421 -->
 * <commandDeadline>60s</commandDeadline>            <!-- a started command line must end within it; 0s: off -->
 * <pregreetWait>1s</pregreetWait>                   <!-- talking before the greeting gets 554; 0s: off -->
 * }</pre>
 */
public class PostwardenSmtpServer extends SMTPServer {
    private static final String STARTTLS = "starttls";
    private static final Logger LOGGER = LoggerFactory.getLogger(PostwardenSmtpServer.class);

    private ConnectionHygieneSettings settings = ConnectionHygieneSettings.from(0, null, null);
    private Optional<ConnectionsPerAddress> connections = Optional.empty();

    public PostwardenSmtpServer(SmtpMetrics metrics) {
        super(metrics);
    }

    @Override
    public void doConfigure(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        super.doConfigure(config);
        try {
            settings = ConnectionHygieneSettings.from(connPerIP, config.getString(ConnectionHygieneSettings.COMMAND_DEADLINE, null),
                config.getString(ConnectionHygieneSettings.PREGREET_WAIT, null));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        if (settings.waitsBeforeGreeting() && proxyRequired) {
            // The PROXY protocol header is the proxy talking before the greeting, on every connection.
            LOGGER.warn("{}: pregreetWait is ignored behind a PROXY protocol proxy", getServiceType());
            settings = new ConnectionHygieneSettings(settings.perAddressLimit(), settings.commandDeadline(), Duration.ZERO);
        }
        connections = settings.limitsAddresses() ? Optional.of(new ConnectionsPerAddress(settings.perAddressLimit())) : Optional.empty();
        // Ours answers 421 where James' per-IP handler would close without a word: James' is switched off.
        connPerIP = 0;
    }

    @Override
    protected ChannelHandlerFactory createFrameHandlerFactory() {
        return pipeline -> new GuardedLineFramer(pipeline, STARTTLS);
    }

    @Override
    protected AbstractChannelPipelineFactory createPipelineFactory() {
        AbstractChannelPipelineFactory james = super.createPipelineFactory();
        return new AbstractChannelPipelineFactory(getFrameHandlerFactory(), getExecutorGroup()) {
            @Override
            protected void initChannel(SocketChannel channel) {
                ChannelPipeline pipeline = channel.pipeline();
                // A ChannelInitializer added to a registered channel initializes it at once.
                pipeline.addLast(james);
                ConnectionHygieneHandler hygiene = new ConnectionHygieneHandler(settings, connections, getHelloName());
                if (pipeline.get(HandlerConstants.SSL_HANDLER) != null) {
                    pipeline.addAfter(HandlerConstants.SSL_HANDLER, "postwardenHygiene", hygiene);
                } else {
                    pipeline.addFirst("postwardenHygiene", hygiene);
                }
            }

            @Override
            protected ChannelInboundHandlerAdapter createHandler() {
                throw new UnsupportedOperationException("James' pipeline factory creates the core handler");
            }
        };
    }
}
