package org.postwarden.webadmin.throttle;

import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.throttle.ThrottleRoutes.storeCall;

import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.postwarden.throttle.auth.AuthGuard;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Failed SMTP and IMAP authentications (the password guessing defence of auth-guard.properties): the counters of
 * client addresses and of address and account pairs, their audit log, and clearing an address so that it may try
 * again. See docs/webadmin.md.
 */
public class AuthFailureRoutes implements Routes {
    public static final String BASE = "/postwarden/auth-failures";
    private static final String LOG = BASE + "/log";
    private static final String ADDRESS = BASE + "/:address";
    private static final int DEFAULT_LOG_LIMIT = 100;
    private static final int MAX_LOG_LIMIT = 10_000;

    private final AuthGuard guard;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    AuthFailureRoutes(AuthGuard guard) {
        this.guard = guard;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE, storeCall((request, response) -> guard.counters().stream()
            .map(FailureCountView::of).toList()), json);
        service.get(LOG, storeCall(this::history), json);
        service.delete(ADDRESS, storeCall(this::clear), json);
    }

    private Object history(Request request, Response response) {
        String address = Optional.ofNullable(request.queryParams("address"))
            .orElseThrow(() -> invalid("Give the client address: ?address=192.0.2.1"));
        int limit = limit(request.queryParams("limit"));
        return address(() -> guard.history(address, limit)).stream().map(AuthEventView::of).toList();
    }

    private Object clear(Request request, Response response) {
        address(() -> {
            guard.clear(request.params("address"));
            return null;
        });
        return Responses.returnNoContent(response);
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LOG_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LOG_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit must be a whole number from 1 to " + MAX_LOG_LIMIT + ", got '" + text + "'");
    }

    private static <T> T address(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }
}
