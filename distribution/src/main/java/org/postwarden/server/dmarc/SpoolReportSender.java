package org.postwarden.server.dmarc;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.postwarden.dmarc.report.ReportSender;

/**
 * Puts report mails on the James spool in the {@code relay} processor, the outbound path of submitted mail: DkimSign
 * signs them with the reporting domain's active key and RemoteDelivery takes them out. Not marked as sent by a mailet,
 * so that the forward-only mailets (SRS, spam check, ARC) leave them alone.
 */
class SpoolReportSender implements ReportSender {
    static final String PROCESSOR = "relay";

    private final MailQueueFactory<?> queues;

    SpoolReportSender(MailQueueFactory<?> queues) {
        this.queues = queues;
    }

    @Override
    public void send(String from, List<String> recipients, byte[] message) throws Exception {
        List<MailAddress> to = new ArrayList<>();
        for (String recipient : recipients) {
            to.add(new MailAddress(recipient));
        }
        Mail mail = MailImpl.builder()
            .name("dmarc-report-" + UUID.randomUUID())
            .sender(new MailAddress(from))
            .addRecipients(to)
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message)))
            .state(PROCESSOR)
            .build();
        try {
            queues.createQueue(MailQueueFactory.SPOOL).enQueue(mail);
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }
}
