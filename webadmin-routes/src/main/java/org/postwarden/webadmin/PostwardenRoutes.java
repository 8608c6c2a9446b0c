package org.postwarden.webadmin;

import org.apache.james.webadmin.Routes;

import spark.Service;

/**
 * The one way a Postwarden route class is written: a base path under {@code /postwarden/}, then one line per endpoint
 * in {@link #define(Endpoints)}, relative to that base ({@code endpoints.get("/triplets", this::listTriplets)}).
 * {@link Endpoints} answers in JSON and maps a store failure to 503; {@link DeprecatedPath} serves the same
 * endpoints under a former base.
 */
public abstract class PostwardenRoutes implements Routes {
    private final String base;

    protected PostwardenRoutes(String base) {
        this.base = base;
    }

    @Override
    public final String getBasePath() {
        return base;
    }

    @Override
    public final void define(Service service) {
        define(Endpoints.under(service, base));
    }

    protected abstract void define(Endpoints endpoints);
}
