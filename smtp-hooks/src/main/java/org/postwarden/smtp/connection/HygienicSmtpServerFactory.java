package org.postwarden.smtp.connection;

import javax.inject.Inject;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.lib.handler.ProtocolHandlerLoader;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SMTPServerFactory;

/** Builds {@link HygienicSmtpServer}s from smtpserver.xml; bound in place of James' {@link SMTPServerFactory}. */
public class HygienicSmtpServerFactory extends SMTPServerFactory {

    @Inject
    public HygienicSmtpServerFactory(DNSService dns, ProtocolHandlerLoader loader, FileSystem fileSystem, MetricFactory metricFactory) {
        super(dns, loader, fileSystem, metricFactory);
    }

    @Override
    protected SMTPServer createServer() {
        return new HygienicSmtpServer(smtpMetrics);
    }
}
