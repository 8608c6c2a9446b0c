package org.postwarden.dmarc.report;

import org.postwarden.store.StoreUnavailableException;

/** The report store cannot be read or written. */
public class AggregateReportStoreException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public AggregateReportStoreException(String message, Throwable cause) {
        super("DMARC report", message, cause);
    }
}
