package org.postwarden.webadmin.throttle;

import static org.postwarden.webadmin.HttpErrors.conflict;
import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.notFound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.webadmin.utils.JsonExtractor;
import org.apache.james.webadmin.utils.Responses;
import org.postwarden.throttle.FallbackThrottleStore;
import org.postwarden.throttle.OverrideStore;
import org.postwarden.throttle.Quota;
import org.postwarden.throttle.RateLimits;
import org.postwarden.throttle.SuspensionEvent;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.Throttler;
import org.postwarden.throttle.Tier;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.webadmin.Endpoints;
import org.postwarden.webadmin.JsonBodies;
import org.postwarden.webadmin.PostwardenRoutes;
import spark.Request;
import spark.Response;

/**
 * Sender throttling administration: limits and counters of accounts, client addresses and sender domains, per-user
 * overrides, suspensions and their audit log. See docs/webadmin.md.
 */
public class ThrottleRoutes extends PostwardenRoutes {
    public static final String BASE = "/postwarden/throttle";
    private static final String USER = "/users/:user";
    private static final String OVERRIDE = USER + "/override";
    private static final String IP = "/ips/:ip";
    // Counter names of Throttler's harvesting defence (see its class comment).
    private static final String UNKNOWN_RECIPIENTS = "unknown-recipients";
    private static final String HARVEST_BLOCK = "harvest-block";

    private final Throttler throttler;
    private final ThrottlePolicy policy;
    private final ThrottleStore store;
    private final OverrideStore overrides;
    private final SuspensionStore suspensions;
    private final AccountCreationDates creationDates;
    private final Clock clock;
    private final JsonExtractor<OverrideRequest> overrideExtractor = new JsonExtractor<>(OverrideRequest.class);
    private final JsonExtractor<ReasonRequest> reasonExtractor = new JsonExtractor<>(ReasonRequest.class);

    @Inject
    ThrottleRoutes(Throttler throttler, ThrottlePolicy policy, ThrottleStore store, OverrideStore overrides,
                   SuspensionStore suspensions, AccountCreationDates creationDates, Clock clock) {
        super(BASE);
        this.throttler = throttler;
        this.policy = policy;
        this.store = store;
        this.overrides = overrides;
        this.suspensions = suspensions;
        this.creationDates = creationDates;
        this.clock = clock;
    }

    @Override
    protected void define(Endpoints endpoints) {
        endpoints.get(USER, this::user);
        endpoints.post(USER, this::suspendOrUnsuspend);
        endpoints.put(OVERRIDE, this::setOverride);
        endpoints.delete(OVERRIDE, this::removeOverride);
        endpoints.get(USER + "/history", (request, response) -> suspensions.history(user(request)).stream()
            .map(SuspensionView::of).toList());
        endpoints.get("/overrides", (request, response) -> overrides.overrides().entrySet().stream()
            .map(entry -> OverrideView.of(entry.getKey(), entry.getValue())).toList());
        endpoints.get("/suspensions", (request, response) -> suspensions.suspensions().stream()
            .map(SuspensionView::of).toList());
        endpoints.get(IP, this::clientIp);
        endpoints.delete(IP + "/counters", this::resetClientIp);
        endpoints.get("/domains/:domain", this::senderDomain);
        endpoints.get("/store", (request, response) -> storeHealth());
    }

    private Object user(Request request, Response response) {
        ThrottleKey user = user(request);
        Optional<Instant> created = creationDates.created(user.userName());
        Tier tier = throttler.tier(user.userName(), created.orElse(null));
        return new UserView(user.userName(), tier.name(), LimitsView.of(tier.quota()),
            created.map(Instant::toString).orElse(null), suspensions.suspension(user).isPresent(),
            throttler.usage(user.userName(), created.orElse(null)).stream().map(CounterView::of).toList());
    }

    private Object suspendOrUnsuspend(Request request, Response response) {
        ThrottleKey user = user(request);
        String action = Optional.ofNullable(request.queryParams("action")).orElse("");
        String reason = reason(request, action);
        Optional<SuspensionEvent> event = switch (action) {
            case "suspend" -> suspensions.suspend(user, reason, Map.of(), clock.instant());
            case "unsuspend" -> throttler.unsuspend(user.userName(), reason);
            default -> throw invalid("Use ?action=suspend or ?action=unsuspend");
        };
        return SuspensionView.of(event.orElseThrow(() -> conflict(user.userName()
            + (action.equals("suspend") ? " is suspended already" : " is not suspended"))));
    }

    private String reason(Request request, String action) {
        String body = request.body();
        if (body == null || body.isBlank()) {
            return "by an administrator (" + action + ")";
        }
        return Optional.ofNullable(JsonBodies.parse(reasonExtractor, body, "{\"reason\": ...}").reason())
            .filter(text -> !text.isBlank())
            .orElse("by an administrator (" + action + ")");
    }

    private Object setOverride(Request request, Response response) {
        ThrottleKey user = user(request);
        OverrideRequest body = JsonBodies.parse(overrideExtractor, request.body(),
            "{\"messages\": \"5/1m, 100/1d\", \"recipients\": \"none\"}");
        if (body.messages() == null && body.recipients() == null) {
            throw invalid("Give messages, recipients or both, e.g. {\"messages\": \"5/1m, 100/1d\"}");
        }
        // A unit left out keeps the limit the account has without an override.
        Quota regular = policy.tier(user, Optional.empty(),
            creationDates.created(user.userName()), clock.instant()).quota();
        overrides.setOverride(user, new Quota(limits(body.messages(), regular.messages()),
            limits(body.recipients(), regular.recipients())));
        return Responses.returnNoContent(response);
    }

    private Object removeOverride(Request request, Response response) {
        ThrottleKey user = user(request);
        if (!overrides.removeOverride(user)) {
            throw notFound(user.userName() + " has no override");
        }
        return Responses.returnNoContent(response);
    }

    private Object clientIp(Request request, Response response) {
        ThrottleKey ip = key(() -> ThrottleKey.clientIp(request.params("ip")));
        List<WindowSpec> windows = new ArrayList<>(policy.clientIps().windows(ip, "", 1));
        policy.harvest().limits().forEach(limit -> windows.add(new WindowSpec(ip.bucket(UNKNOWN_RECIPIENTS), limit, 1)));
        windows.add(new WindowSpec(ip.bucket(HARVEST_BLOCK), policy.harvestBlockWindow(), 1));
        return new KeyView(ip.toString(), LimitsView.of(policy.clientIps()),
            store.peek(windows, clock.instant()).stream().map(CounterView::of).toList());
    }

    private Object resetClientIp(Request request, Response response) {
        throttler.resetCounters(key(() -> ThrottleKey.clientIp(request.params("ip"))));
        return Responses.returnNoContent(response);
    }

    private Object senderDomain(Request request, Response response) {
        ThrottleKey domain = key(() -> ThrottleKey.senderDomain(request.params("domain")));
        Quota quota = policy.senderDomains().forDomain(domain.value());
        return new KeyView(domain.toString(), LimitsView.of(quota),
            store.peek(quota.windows(domain, "", 1), clock.instant()).stream().map(CounterView::of).toList());
    }

    private Object storeHealth() {
        if (store instanceof FallbackThrottleStore fallback) {
            return new StoreView(fallback.degraded() ? "degraded" : "up", fallback.fallbacks(),
                fallback.lastFailure().orElse(null));
        }
        return new StoreView("up", 0, null);
    }

    private static RateLimits limits(String text, RateLimits otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return RateLimits.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ThrottleKey user(Request request) {
        return key(() -> ThrottleKey.user(request.params("user")));
    }

    private static ThrottleKey key(java.util.function.Supplier<ThrottleKey> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    record OverrideRequest(String messages, String recipients) {
    }

    record ReasonRequest(String reason) {
    }

    record StoreView(String store, long fallbacks, String lastFailure) {
    }
}
