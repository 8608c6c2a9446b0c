package org.postwarden.webadmin.srs;

import static org.postwarden.webadmin.HttpErrors.conflict;
import static org.postwarden.webadmin.HttpErrors.notFound;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.postwarden.srs.keys.SrsKeyring;
import org.postwarden.srs.keys.SrsKeyringException;
import org.postwarden.srs.keys.SrsSecretStatus;
import org.postwarden.webadmin.Endpoints;
import org.postwarden.webadmin.PostwardenRoutes;

import spark.Request;
import spark.Response;
import spark.Route;

/** SRS secret rotation: list, rotate, remove a retired secret early. Secrets never leave the server. See docs/webadmin.md. */
public class SrsSecretRoutes extends PostwardenRoutes {
    public static final String BASE = "/postwarden/srs";
    private static final String SECRETS = "/secrets";

    private final SrsKeyring keyring;

    @Inject
    SrsSecretRoutes(SrsKeyring keyring) {
        super(BASE);
        this.keyring = keyring;
    }

    @Override
    protected void define(Endpoints endpoints) {
        endpoints.get(SECRETS, keyringCall((request, response) -> keyring.secrets().stream().map(SrsSecretView::of).toList()));
        endpoints.post(SECRETS, keyringCall(this::rotate));
        endpoints.delete(SECRETS + "/:id", keyringCall(this::remove));
    }

    private Object rotate(Request request, Response response) {
        SrsSecretStatus created = keyring.rotate();
        response.status(HttpStatus.CREATED_201);
        response.header("Location", BASE + SECRETS + "/" + created.id());
        return SrsSecretView.of(created);
    }

    private Object remove(Request request, Response response) {
        keyring.remove(request.params("id"));
        return Responses.returnNoContent(response);
    }

    /** Refusals of the keyring as 404/409. */
    private static Route keyringCall(Route route) {
        return (request, response) -> {
            try {
                return route.handle(request, response);
            } catch (SrsKeyringException e) {
                throw e.reason() == SrsKeyringException.Reason.UNKNOWN_SECRET ? notFound(e.getMessage()) : conflict(e.getMessage());
            }
        };
    }
}
