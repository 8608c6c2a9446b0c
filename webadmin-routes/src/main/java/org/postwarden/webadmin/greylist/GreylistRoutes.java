package org.postwarden.webadmin.greylist;

import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.notFound;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.JsonExtractor;
import org.apache.james.webadmin.utils.Responses;
import org.eclipse.jetty.http.HttpStatus;
import org.postwarden.greylist.CachedWhitelist;
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.TripletQuery;
import org.postwarden.greylist.WhitelistEntry;
import org.postwarden.store.StoreUnavailableException;
import org.postwarden.webadmin.Endpoints;
import org.postwarden.webadmin.JsonBodies;
import org.postwarden.webadmin.PostwardenRoutes;
import org.postwarden.webadmin.RequestParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;
import spark.Response;

/** Greylist administration: triplets, auto-whitelisted networks, the admin whitelist, statistics. See docs/webadmin.md. */
public class GreylistRoutes extends PostwardenRoutes {
    private static final Logger LOGGER = LoggerFactory.getLogger(GreylistRoutes.class);
    public static final String BASE = "/postwarden/greylist";
    private static final String WHITELIST = "/whitelist";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private final GreylistStore store;
    private final Greylist greylist;
    private final CachedWhitelist whitelist;
    private final Clock clock;
    private final JsonExtractor<WhitelistEntryRequest> entryExtractor = new JsonExtractor<>(WhitelistEntryRequest.class);

    @Inject
    GreylistRoutes(GreylistStore store, Greylist greylist, CachedWhitelist whitelist, Clock clock) {
        super(BASE);
        this.store = store;
        this.greylist = greylist;
        this.whitelist = whitelist;
        this.clock = clock;
    }

    @Override
    protected void define(Endpoints endpoints) {
        endpoints.get("/triplets", this::listTriplets);
        endpoints.delete("/triplets", this::deleteTriplet);
        endpoints.post("/triplets", this::purge);
        endpoints.get("/networks", this::listNetworks);
        endpoints.delete("/networks", this::deleteNetwork);
        endpoints.get(WHITELIST, (request, response) -> store.whitelistEntries().stream().map(WhitelistEntryView::of).toList());
        endpoints.post(WHITELIST, this::addWhitelistEntry);
        endpoints.delete(WHITELIST + "/:id", this::removeWhitelistEntry);
        endpoints.get("/statistics", (request, response) -> statistics());
    }

    private Object listTriplets(Request request, Response response) {
        TripletQuery query = new TripletQuery(parameter(request, "network"), parameter(request, "sender"),
            parameter(request, "recipient"), RequestParameters.limit(request, DEFAULT_LIMIT, MAX_LIMIT));
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
        return store.autoWhitelistedNetworks(greylist.configuration().autoWhitelistThreshold(), clock.instant(),
                RequestParameters.limit(request, DEFAULT_LIMIT, MAX_LIMIT))
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
        response.header("Location", BASE + WHITELIST + "/" + entry.id());
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
        } catch (StoreUnavailableException e) {
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

    record WhitelistEntryRequest(String kind, String value, String comment) {
    }

    record StatisticsView(long greylisted, long passedOnRetry, long knownTripletPasses, long autoWhitelistedPasses,
                          long skipped, long storeErrors, String store) {
    }
}
