package org.postwarden.webadmin.greylist;

import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.notFound;
import static org.postwarden.webadmin.HttpErrors.storeUnavailable;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonExtractor;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.postwarden.greylist.CachedWhitelist;
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistStoreException;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.TripletQuery;
import org.postwarden.greylist.WhitelistEntry;
import org.postwarden.webadmin.JsonBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;
import spark.Response;
import spark.Route;
import spark.Service;

/** Greylist administration: triplets, auto-whitelisted networks, the admin whitelist, statistics. See docs/webadmin.md. */
public class GreylistRoutes implements Routes {
    private static final Logger LOGGER = LoggerFactory.getLogger(GreylistRoutes.class);
    public static final String BASE = "/postwarden/greylist";
    private static final String TRIPLETS = BASE + "/triplets";
    private static final String NETWORKS = BASE + "/networks";
    private static final String WHITELIST = BASE + "/whitelist";
    private static final String STATISTICS = BASE + "/statistics";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private final GreylistStore store;
    private final Greylist greylist;
    private final CachedWhitelist whitelist;
    private final Clock clock;
    private final JsonTransformer json = new JsonTransformer();
    private final JsonExtractor<WhitelistEntryRequest> entryExtractor = new JsonExtractor<>(WhitelistEntryRequest.class);

    @Inject
    GreylistRoutes(GreylistStore store, Greylist greylist, CachedWhitelist whitelist, Clock clock) {
        this.store = store;
        this.greylist = greylist;
        this.whitelist = whitelist;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(TRIPLETS, storeCall(this::listTriplets), json);
        service.delete(TRIPLETS, storeCall(this::deleteTriplet), json);
        service.post(TRIPLETS, storeCall(this::purge), json);
        service.get(NETWORKS, storeCall(this::listNetworks), json);
        service.delete(NETWORKS, storeCall(this::deleteNetwork), json);
        service.get(WHITELIST, storeCall((request, response) -> store.whitelistEntries().stream().map(WhitelistEntryView::of).toList()), json);
        service.post(WHITELIST, storeCall(this::addWhitelistEntry), json);
        service.delete(WHITELIST + "/:id", storeCall(this::removeWhitelistEntry), json);
        service.get(STATISTICS, (request, response) -> statistics(), json);
    }

    private Object listTriplets(Request request, Response response) {
        TripletQuery query = new TripletQuery(parameter(request, "network"), parameter(request, "sender"),
            parameter(request, "recipient"), limit(request));
        return store.triplets(query, clock.instant()).stream().map(TripletEntry::of).toList();
    }

    private Object deleteTriplet(Request request, Response response) {
        GreylistTriplet triplet = new GreylistTriplet(required(request, "network"), parameter(request, "sender"), required(request, "recipient"));
        if (!store.deleteTriplet(triplet)) {
            throw notFound("No such triplet: " + triplet);
        }
        return Responses.returnNoContent(response);
    }

    private Object purge(Request request, Response response) {
        if (!"purge".equals(request.queryParams("action"))) {
            throw invalid("Use ?action=purge to delete expired triplets and networks");
        }
        return Map.of("purged", store.purgeExpired(clock.instant()));
    }

    private Object listNetworks(Request request, Response response) {
        return store.autoWhitelistedNetworks(greylist.configuration().autoWhitelistThreshold(), clock.instant(), limit(request))
            .stream().map(NetworkEntry::of).toList();
    }

    private Object deleteNetwork(Request request, Response response) {
        String network = required(request, "network");
        if (!store.deleteNetwork(network)) {
            throw notFound("No such network: " + network);
        }
        return Responses.returnNoContent(response);
    }

    private Object addWhitelistEntry(Request request, Response response) {
        WhitelistEntryRequest body = JsonBodies.parse(entryExtractor, request.body(), "{\"kind\": ..., \"value\": ..., \"comment\": ...}");
        WhitelistEntry entry;
        try {
            entry = WhitelistEntry.create(kind(body.kind()), Optional.ofNullable(body.value()).orElse(""),
                Optional.ofNullable(body.comment()).orElse(""), clock.instant());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        store.addWhitelistEntry(entry);
        whitelist.invalidate();
        response.status(HttpStatus.CREATED_201);
        response.header("Location", WHITELIST + "/" + entry.id());
        return WhitelistEntryView.of(entry);
    }

    private Object removeWhitelistEntry(Request request, Response response) {
        if (!store.removeWhitelistEntry(request.params("id"))) {
            throw notFound("No whitelist entry " + request.params("id"));
        }
        whitelist.invalidate();
        return Responses.returnNoContent(response);
    }

    private Object statistics() {
        String storeHealth;
        try {
            store.ping();
            storeHealth = "up";
        } catch (GreylistStoreException e) {
            LOGGER.warn("The greylist store is down", e);
            storeHealth = "down";
        }
        var statistics = greylist.statistics();
        return new StatisticsView(statistics.greylisted(), statistics.passedOnRetry(), statistics.knownTripletPasses(),
            statistics.autoWhitelistedPasses(), statistics.skipped(), statistics.storeErrors(), storeHealth);
    }

    private static WhitelistEntry.Kind kind(String value) {
        if (value == null) {
            throw invalid("kind is required, one of " + WhitelistEntryView.KINDS);
        }
        try {
            return WhitelistEntry.Kind.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw invalid("Unknown kind '" + value + "', expected one of " + WhitelistEntryView.KINDS);
        }
    }

    private static int limit(Request request) {
        String value = request.queryParams("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw invalid("limit must be between 1 and " + MAX_LIMIT);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw invalid("limit must be a number");
        }
    }

    private static String parameter(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).orElse("");
    }

    private static String required(Request request, String name) {
        String value = parameter(request, name);
        if (value.isBlank()) {
            throw invalid("The query parameter '" + name + "' is required");
        }
        return value;
    }

    /** A store failure is the server's problem, not the caller's: 503, the cause in the log. */
    private static Route storeCall(Route route) {
        return (request, response) -> {
            try {
                return route.handle(request, response);
            } catch (GreylistStoreException e) {
                throw storeUnavailable("greylist", e);
            }
        };
    }

    record WhitelistEntryRequest(String kind, String value, String comment) {
    }

    record StatisticsView(long greylisted, long passedOnRetry, long knownTripletPasses, long autoWhitelistedPasses,
                          long skipped, long storeErrors, String store) {
    }
}
