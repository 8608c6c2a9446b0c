package org.postwarden.webadmin.dmarc;

import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.storeUnavailable;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.postwarden.dmarc.report.AggregateReportStore;
import org.postwarden.dmarc.report.AggregateReportStoreException;
import org.postwarden.dmarc.report.AggregateReporter;

import spark.Request;
import spark.Service;

/**
 * DMARC aggregate reports (RFC 7489 §7.2): per policy domain, the evaluations not reported yet and the last report;
 * and the daily run on demand. See docs/webadmin.md.
 */
public class DmarcReportRoutes implements Routes {
    public static final String BASE = "/postwarden/dmarc/reports";

    private final AggregateReportStore store;
    private final AggregateReporter reporter;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    DmarcReportRoutes(AggregateReportStore store, AggregateReporter reporter) {
        this.store = store;
        this.reporter = reporter;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE, (request, response) -> domains(), json);
        service.post(BASE, (request, response) -> run(request), json);
    }

    private Object domains() {
        try {
            return store.domains().stream().map(DmarcReportViews.Domain::of).toList();
        } catch (AggregateReportStoreException e) {
            throw storeUnavailable("DMARC report", e);
        }
    }

    private Object run(Request request) {
        String action = Optional.ofNullable(request.queryParams("action")).orElse("");
        if (!action.equals("send")) {
            throw invalid("Unknown action '" + action + "': use ?action=send");
        }
        try {
            return reporter.run();
        } catch (AggregateReportStoreException e) {
            throw storeUnavailable("DMARC report", e);
        }
    }
}
