package org.postwarden.webadmin.reputation;

import static org.postwarden.webadmin.HttpErrors.invalid;

import java.util.Optional;
import javax.inject.Inject;
import org.postwarden.reputation.ReputationCounts;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.throttle.SuspensionEvent;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.webadmin.Endpoints;
import org.postwarden.webadmin.PostwardenRoutes;
import org.postwarden.webadmin.RequestParameters;
import spark.Request;

/**
 * Outbound reputation: the server-wide bad share with the worst accounts, and one account's counts and whether it
 * is suspended. Suspensions themselves are the throttle's (/postwarden/throttle). See docs/webadmin.md.
 */
public class ReputationRoutes extends PostwardenRoutes {
    public static final String BASE = "/postwarden/reputation";
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 1000;

    private final SenderReputation reputation;

    @Inject
    ReputationRoutes(SenderReputation reputation) {
        super(BASE);
        this.reputation = reputation;
    }

    @Override
    protected void define(Endpoints endpoints) {
        endpoints.get("", (request, response) -> serverWide(request));
        endpoints.get("/users/:user", (request, response) -> user(request));
    }

    private Object serverWide(Request request) {
        return new ServerView(PolicyView.of(reputation.policy()), CountsView.of(reputation.serverWide()),
            reputation.worst(RequestParameters.limit(request, DEFAULT_LIMIT, MAX_LIMIT)).stream().map(AccountView::of).toList());
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
}
