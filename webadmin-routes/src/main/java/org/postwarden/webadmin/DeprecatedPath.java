package org.postwarden.webadmin;

import org.apache.james.webadmin.Routes;

import spark.Service;

/**
 * Serves a route class's endpoints under the base path it had before every route moved under {@code /postwarden/},
 * for one release (docs/webadmin-paths.md). A {@link Routes} of its own, so that James puts its authentication filter
 * on this base too; the request guard runs before every path anyway.
 */
public final class DeprecatedPath implements Routes {
    private final String formerBase;
    private final PostwardenRoutes routes;

    public DeprecatedPath(String formerBase, PostwardenRoutes routes) {
        this.formerBase = formerBase;
        this.routes = routes;
    }

    @Override
    public String getBasePath() {
        return formerBase;
    }

    @Override
    public void define(Service service) {
        routes.define(Endpoints.under(service, formerBase).deprecatedFor(routes.getBasePath()));
    }
}
