package org.postwarden.webadmin.srs;

import static org.postwarden.webadmin.HttpErrors.conflict;
import static org.postwarden.webadmin.HttpErrors.notFound;
import static org.postwarden.webadmin.HttpErrors.storeUnavailable;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.postwarden.srs.keys.SrsKeyring;
import org.postwarden.srs.keys.SrsKeyringException;
import org.postwarden.srs.keys.SrsSecretStatus;
import org.postwarden.srs.keys.SrsSecretStoreException;

import spark.Request;
import spark.Response;
import spark.Route;
import spark.Service;

/** SRS secret rotation: list, rotate, remove a retired secret early. Secrets never leave the server. See docs/webadmin.md. */
public class SrsSecretRoutes implements Routes {
    public static final String BASE = "/postwarden/srs";
    private static final String SECRETS = BASE + "/secrets";

    private final SrsKeyring keyring;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    SrsSecretRoutes(SrsKeyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(SECRETS, keyringCall((request, response) -> keyring.secrets().stream().map(SrsSecretView::of).toList()), json);
        service.post(SECRETS, keyringCall(this::rotate), json);
        service.delete(SECRETS + "/:id", keyringCall(this::remove), json);
    }

    private Object rotate(Request request, Response response) {
        SrsSecretStatus created = keyring.rotate();
        response.status(HttpStatus.CREATED_201);
        response.header("Location", SECRETS + "/" + created.id());
        return SrsSecretView.of(created);
    }

    private Object remove(Request request, Response response) {
        keyring.remove(request.params("id"));
        return Responses.returnNoContent(response);
    }

    /** Refusals of the keyring as 404/409, a store failure as 503. */
    private static Route keyringCall(Route route) {
        return (request, response) -> {
            try {
                return route.handle(request, response);
            } catch (SrsKeyringException e) {
                throw e.reason() == SrsKeyringException.Reason.UNKNOWN_SECRET ? notFound(e.getMessage()) : conflict(e.getMessage());
            } catch (SrsSecretStoreException e) {
                throw storeUnavailable("SRS secret", e);
            }
        };
    }
}
