package org.postwarden.webadmin.reputation;

import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.storeUnavailable;

import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.postwarden.reputation.ReputationCounts;
import org.postwarden.reputation.ReputationStoreException;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.throttle.SuspensionEvent;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.throttle.ThrottleStoreException;
import spark.Request;
import spark.Route;
import spark.Service;

/**
 * Outbound reputation: the server-wide bad share with the worst accounts, and one account's counts and whether it
 * is suspended. Suspensions themselves are the throttle's (/postwarden/throttle). See docs/webadmin.md.
 */
public class ReputationRoutes implements Routes {
    public static final String BASE = "/postwarden/reputation";
    private static final String USER = BASE + "/users/:user";
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 1000;

    private final SenderReputation reputation;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    ReputationRoutes(SenderReputation reputation) {
        this.reputation = reputation;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE, storeCall((request, response) -> serverWide(request)), json);
        service.get(USER, storeCall((request, response) -> user(request)), json);
    }

    private Object serverWide(Request request) {
        return new ServerView(PolicyView.of(reputation.policy()), CountsView.of(reputation.serverWide()),
            reputation.worst(limit(request)).stream().map(AccountView::of).toList());
    }

    private Object user(Request request) {
        String user;
        try {
            user = ThrottleKey.user(request.params("user")).userName();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        ReputationCounts counts = reputation.account(user);
        Optional<SuspensionEvent> suspension = reputation.suspension(user);
        return new UserView(user, PolicyView.of(reputation.policy()), CountsView.of(counts),
            counts.sent() >= reputation.policy().minMessages(), suspension.isPresent(),
            suspension.map(SuspensionEvent::reason).orElse(null));
    }

    private static int limit(Request request) {
        String text = Optional.ofNullable(request.queryParams("limit")).orElse(String.valueOf(DEFAULT_LIMIT));
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
    }

    /** A store failure is the server's problem, not the caller's: 503, the cause in the log. */
    private static Route storeCall(Route route) {
        return (request, response) -> {
            try {
                return route.handle(request, response);
            } catch (ReputationStoreException | ThrottleStoreException e) {
                throw storeUnavailable("reputation", e);
            }
        };
    }
}
