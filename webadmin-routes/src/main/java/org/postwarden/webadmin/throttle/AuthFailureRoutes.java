package org.postwarden.webadmin.throttle;

import static org.postwarden.webadmin.HttpErrors.invalid;

import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.webadmin.utils.Responses;
import org.postwarden.throttle.auth.AuthGuard;
import org.postwarden.webadmin.Endpoints;
import org.postwarden.webadmin.PostwardenRoutes;
import org.postwarden.webadmin.RequestParameters;
import spark.Request;
import spark.Response;

/**
 * Failed SMTP and IMAP authentications (the password guessing defence of auth-guard.properties): the counters of
 * client addresses and of address and account pairs, their audit log, and clearing an address so that it may try
 * again. See docs/webadmin.md.
 */
public class AuthFailureRoutes extends PostwardenRoutes {
    public static final String BASE = "/postwarden/auth-failures";
    private static final int DEFAULT_LOG_LIMIT = 100;
    private static final int MAX_LOG_LIMIT = 10_000;

    private final AuthGuard guard;

    @Inject
    AuthFailureRoutes(AuthGuard guard) {
        super(BASE);
        this.guard = guard;
    }

    @Override
    protected void define(Endpoints endpoints) {
        endpoints.get("", (request, response) -> guard.counters().stream().map(FailureCountView::of).toList());
        endpoints.get("/log", this::history);
        endpoints.delete("/:address", this::clear);
    }

    private Object history(Request request, Response response) {
        String address = Optional.ofNullable(request.queryParams("address"))
            .orElseThrow(() -> invalid("Give the client address: ?address=192.0.2.1"));
        int limit = RequestParameters.limit(request, DEFAULT_LOG_LIMIT, MAX_LOG_LIMIT);
        return address(() -> guard.history(address, limit)).stream().map(AuthEventView::of).toList();
    }

    private Object clear(Request request, Response response) {
        address(() -> {
            guard.clear(request.params("address"));
            return null;
        });
        return Responses.returnNoContent(response);
    }

    private static <T> T address(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }
}
