package org.postwarden.webadmin;

import java.util.Optional;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.postwarden.store.StoreUnavailableException;

import spark.Request;
import spark.Response;
import spark.Route;
import spark.Service;

/**
 * Declares a route class's endpoints under its base path: every answer is rendered as JSON and a store that is
 * unavailable is answered 503 ({@link HttpErrors#storeUnavailable}), so no route catches store failures itself.
 * Under a deprecated base ({@link DeprecatedPath}) the endpoints answer the same, and say where they moved: a
 * {@code Deprecation} header (RFC 9745) and a {@code Link} to the new path with {@code rel="successor-version"}
 * (RFC 5829).
 */
public final class Endpoints {
    /** 2026-12-07T00:00:00Z, the release that moved the paths, as RFC 9745's structured date. */
    static final String DEPRECATED_SINCE = "@1796601600";

    private final Service service;
    private final String base;
    private final Optional<String> successor;
    private final JsonTransformer json = new JsonTransformer();

    private Endpoints(Service service, String base, Optional<String> successor) {
        this.service = service;
        this.base = base;
        this.successor = successor;
    }

    static Endpoints under(Service service, String base) {
        return new Endpoints(service, base, Optional.empty());
    }

    /** The same endpoints under this base, answering as deprecated in favour of {@code successor}. */
    Endpoints deprecatedFor(String successor) {
        return new Endpoints(service, base, Optional.of(successor));
    }

    public void get(String path, Route route) {
        service.get(base + path, answered(route), json);
    }

    public void post(String path, Route route) {
        service.post(base + path, answered(route), json);
    }

    public void put(String path, Route route) {
        service.put(base + path, answered(route), json);
    }

    public void delete(String path, Route route) {
        service.delete(base + path, answered(route), json);
    }

    private Route answered(Route route) {
        return (request, response) -> {
            successor.ifPresent(newBase -> deprecated(request, response, newBase));
            try {
                return route.handle(request, response);
            } catch (StoreUnavailableException e) {
                throw HttpErrors.storeUnavailable(e);
            }
        };
    }

    private void deprecated(Request request, Response response, String newBase) {
        response.header("Deprecation", DEPRECATED_SINCE);
        response.header("Link", "<" + newBase + request.pathInfo().substring(base.length()) + ">; rel=\"successor-version\"");
    }
}
