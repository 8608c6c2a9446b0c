package org.postwarden.webadmin.dmarc;

import javax.inject.Inject;

import org.postwarden.dmarc.report.AggregateReportStore;
import org.postwarden.dmarc.report.AggregateReporter;
import org.postwarden.webadmin.Endpoints;
import org.postwarden.webadmin.PostwardenRoutes;
import org.postwarden.webadmin.RequestParameters;

import spark.Request;

/**
 * DMARC aggregate reports (RFC 7489 §7.2): per policy domain, the evaluations not reported yet and the last report;
 * and the daily run on demand. See docs/webadmin.md.
 */
public class DmarcReportRoutes extends PostwardenRoutes {
    public static final String BASE = "/postwarden/dmarc/reports";

    private final AggregateReportStore store;
    private final AggregateReporter reporter;

    @Inject
    DmarcReportRoutes(AggregateReportStore store, AggregateReporter reporter) {
        super(BASE);
        this.store = store;
        this.reporter = reporter;
    }

    @Override
    protected void define(Endpoints endpoints) {
        endpoints.get("", (request, response) -> store.domains().stream().map(DmarcReportViews.Domain::of).toList());
        endpoints.post("", (request, response) -> run(request));
    }

    private Object run(Request request) {
        RequestParameters.requireAction(request, "send");
        return reporter.run();
    }
}
