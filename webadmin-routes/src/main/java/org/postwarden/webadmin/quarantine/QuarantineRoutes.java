package org.postwarden.webadmin.quarantine;

import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.notFound;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.postwarden.glue.quarantine.Quarantine;
import org.postwarden.quarantine.QuarantineFilter;
import org.postwarden.quarantine.QuarantinedMail;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Quarantined forwards (ForwardSpamCheck): list with filters, show with headers and spam report, release to the
 * original targets, delete. Backed by the James mail repository of quarantine.properties. See docs/webadmin.md.
 */
public class QuarantineRoutes implements Routes {
    public static final String BASE = "/postwarden/quarantine";
    private static final String MAILS = BASE + "/mails";
    private static final String MAIL = MAILS + "/:key";

    private final Quarantine quarantine;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    QuarantineRoutes(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(MAILS, (request, response) -> list(request), json);
        service.get(MAIL, (request, response) -> QuarantineViews.Details.of(found(quarantine.find(key(request)), request)), json);
        service.post(MAIL, this::release, json);
        service.delete(MAIL, this::delete, json);
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
        String action = Optional.ofNullable(request.queryParams("action")).orElse("");
        if (!action.equals("release")) {
            throw invalid("Unknown action '" + action + "': use ?action=release");
        }
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
