package org.postwarden.dmarc.report;

import java.util.List;

/** Puts a report mail on its way out; returns only once the mail is safely queued. */
@FunctionalInterface
public interface ReportSender {
    /** @throws Exception when the mail could not be queued: the report is retried at the next run */
    void send(String from, List<String> recipients, byte[] message) throws Exception;
}
