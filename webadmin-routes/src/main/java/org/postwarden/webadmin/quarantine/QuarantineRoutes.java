package org.postwarden.webadmin.quarantine;

import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.notFound;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.webadmin.utils.Responses;
import org.postwarden.glue.quarantine.Quarantine;
import org.postwarden.quarantine.QuarantineFilter;
import org.postwarden.quarantine.QuarantinedMail;
import org.postwarden.webadmin.Endpoints;
import org.postwarden.webadmin.PostwardenRoutes;
import org.postwarden.webadmin.RequestParameters;

import spark.Request;
import spark.Response;

/**
 * Quarantined forwards (ForwardSpamCheck): list with filters, show with headers and spam report, release to the
 * original targets, delete. Backed by the James mail repository of quarantine.properties. See docs/webadmin.md.
 */
public class QuarantineRoutes extends PostwardenRoutes {
    public static final String BASE = "/postwarden/quarantine";
    private static final String MAIL = "/mails/:key";

    private final Quarantine quarantine;

    @Inject
    QuarantineRoutes(Quarantine quarantine) {
        super(BASE);
        this.quarantine = quarantine;
    }

    @Override
    protected void define(Endpoints endpoints) {
        endpoints.get("/mails", (request, response) -> list(request));
        endpoints.get(MAIL, (request, response) -> QuarantineViews.Details.of(found(quarantine.find(key(request)), request)));
        endpoints.post(MAIL, this::release);
        endpoints.delete(MAIL, this::delete);
    }

    private Object list(Request request) throws MessagingException {
        QuarantineFilter filter;
        try {
            filter = QuarantineFilter.parse(request::queryParams);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return quarantine.list(filter).stream().map(QuarantineViews.Summary::of).toList();
    }

    private Object release(Request request, Response response) throws MessagingException {
        RequestParameters.requireAction(request, "release");
        String key = key(request);
        QuarantineViews.Summary released = QuarantineViews.Summary.of(found(quarantine.find(key), request));
        if (!quarantine.release(key)) {
            throw notFound("No quarantined mail " + key);
        }
        return released;
    }

    private Object delete(Request request, Response response) throws MessagingException {
        if (!quarantine.delete(key(request))) {
            throw notFound("No quarantined mail " + key(request));
        }
        return Responses.returnNoContent(response);
    }

    private static String key(Request request) {
        return request.params("key");
    }

    private static QuarantinedMail found(Optional<QuarantinedMail> mail, Request request) {
        return mail.orElseThrow(() -> notFound("No quarantined mail " + key(request)));
    }
}
