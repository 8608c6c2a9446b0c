package org.postwarden.webadmin.guard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.webadmin.PublicRoutes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.postwarden.adminhttp.AdminGuardConfig;
import org.postwarden.adminhttp.AdminRequest;
import org.postwarden.adminhttp.AdminRequestGuard;
import org.postwarden.adminhttp.AdminVerdict;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Runs {@link AdminRequestGuard} before every webadmin route, so no web page open in the operator's browser can use
 * webadmin (see the guard for the rules). James 3.8.1 answers every request with {@code Access-Control-Allow-Origin}
 * ({@code *} by default) whatever {@code cors.enable} says: with CORS off, those headers are taken back here.
 * Public, so that James puts no authentication filter of its own on all paths for it.
 */
public class RequestGuardRoutes implements PublicRoutes {
    private static final List<String> CORS_HEADERS = List.of("Access-Control-Allow-Origin", "Access-Control-Request-Method",
        "Access-Control-Allow-Methods", "Access-Control-Allow-Headers");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final int SHORT_BODY = 64;

    private final AdminGuardConfig config;
    private final AdminRequestGuard guard;

    @Inject
    public RequestGuardRoutes(AdminGuardConfig config) {
        this.config = config;
        this.guard = new AdminRequestGuard(config);
    }

    @Override
    public String getBasePath() {
        return "/";
    }

    @Override
    public void define(Service service) {
        service.before(this::filter);
    }

    private void filter(Request request, Response response) {
        if (!config.corsEnabled()) {
            // Jetty removes a header set to null.
            CORS_HEADERS.forEach(header -> response.raw().setHeader(header, null));
        }
        AdminVerdict verdict = guard.check(new AdminRequest(request.requestMethod(), request.scheme(),
            header(request, "Host"), header(request, "Origin"), header(request, "Referer"), header(request, "Sec-Fetch-Site"),
            header(request, "Content-Type"), shortBody(request)));
        if (!verdict.allowed()) {
            throw ErrorResponder.builder()
                .statusCode(verdict.status())
                .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message(verdict.message())
                .haltError();
        }
    }

    private static Optional<String> header(Request request, String name) {
        return Optional.ofNullable(request.headers(name));
    }

    /**
     * Only a short body is read here, to find a JSON null: a longer one is not, and neither is one of another type (a
     * mail being imported). A chunked JSON body is read: its route reads it whole anyway.
     */
    private static Optional<String> shortBody(Request request) {
        int length = request.contentLength();
        boolean json = Optional.ofNullable(request.contentType()).orElse("").toLowerCase(Locale.ROOT).startsWith("application/json");
        if (READS.contains(request.requestMethod()) || !json || length == 0 || length > SHORT_BODY) {
            return Optional.empty();
        }
        return Optional.ofNullable(request.body()).filter(body -> body.length() <= SHORT_BODY);
    }
}
