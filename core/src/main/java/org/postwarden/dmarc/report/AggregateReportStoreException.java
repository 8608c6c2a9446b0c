package org.postwarden.dmarc.report;

/** The report store cannot be read or written. */
public class AggregateReportStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AggregateReportStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
