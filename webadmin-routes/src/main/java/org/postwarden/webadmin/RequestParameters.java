package org.postwarden.webadmin;

import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.notFound;

import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;

import spark.Request;

/** The request parameters several routes read, each read and refused (400, 404) one way. */
public final class RequestParameters {
    private RequestParameters() {
    }

    /** The {@code :domain} path parameter, lower-cased: 404 when it is not a local domain, 400 when it is no domain. */
    public static String localDomain(Request request, DomainList domains) {
        String domain = request.params("domain").toLowerCase(Locale.ROOT);
        try {
            if (!domains.containsDomain(Domain.of(domain))) {
                throw notFound(domain + " is not a local domain");
            }
        } catch (DomainListException | IllegalArgumentException e) {
            throw invalid("Invalid domain '" + domain + "': " + e.getMessage());
        }
        return domain;
    }

    /** The {@code limit} query parameter, {@code otherwise} when absent, 400 unless a whole number from 1 to {@code max}. */
    public static int limit(Request request, int otherwise, int max) {
        String text = request.queryParams("limit");
        if (text == null) {
            return otherwise;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit must be a whole number from 1 to " + max + ", got '" + text + "'");
    }

    /** The {@code action} query parameter: 400 unless it is {@code expected}. */
    public static void requireAction(Request request, String expected) {
        String action = Optional.ofNullable(request.queryParams("action")).orElse("");
        if (!action.equals(expected)) {
            throw invalid("Unknown action '" + action + "': use ?action=" + expected);
        }
    }
}
