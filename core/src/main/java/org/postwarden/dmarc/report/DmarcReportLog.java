package org.postwarden.dmarc.report;

/** Where the SMTP server hands the DMARC evaluations of incoming mail for aggregate reports. */
@FunctionalInterface
public interface DmarcReportLog {
    /** Reporting switched off: evaluations are not kept. */
    DmarcReportLog DISABLED = evaluation -> { };

    /** @throws AggregateReportStoreException when the evaluation cannot be stored */
    void record(DmarcEvaluation evaluation);
}
