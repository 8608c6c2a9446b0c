package org.postwarden.smtp.server;

import javax.inject.Inject;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.lib.handler.ProtocolHandlerLoader;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SMTPServerFactory;

/** Creates {@link PostwardenSmtpServer}s for the servers of smtpserver.xml; bound in place of James' factory. */
public class PostwardenSmtpServerFactory extends SMTPServerFactory {

    @Inject
    public PostwardenSmtpServerFactory(DNSService dns, ProtocolHandlerLoader loader, FileSystem fileSystem, MetricFactory metrics) {
        super(dns, loader, fileSystem, metrics);
    }

    @Override
    protected SMTPServer createServer() {
        return new PostwardenSmtpServer(smtpMetrics);
    }
}
