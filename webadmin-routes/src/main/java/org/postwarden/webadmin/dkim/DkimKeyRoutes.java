package org.postwarden.webadmin.dkim;

import static org.postwarden.webadmin.HttpErrors.conflict;
import static org.postwarden.webadmin.HttpErrors.invalid;
import static org.postwarden.webadmin.HttpErrors.notFound;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import javax.inject.Inject;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.webadmin.utils.JsonExtractor;
import org.eclipse.jetty.http.HttpStatus;
import org.postwarden.dkim.DkimAlgorithm;
import org.postwarden.dkim.keys.DkimKey;
import org.postwarden.dkim.keys.DkimKeyManager;
import org.postwarden.dkim.keys.KeyConflictException;
import org.postwarden.dkim.keys.KeyNotPublishedException;
import org.postwarden.dkim.keys.UnknownKeyException;
import org.postwarden.webadmin.Endpoints;
import org.postwarden.webadmin.JsonBodies;
import org.postwarden.webadmin.PostwardenRoutes;
import org.postwarden.webadmin.RequestParameters;

import spark.Request;
import spark.Response;
import spark.Route;

/**
 * DKIM signing keys per local domain: generate or import, list, check DNS, activate, retire. Formerly under
 * {@link #FORMER_BASE}, still served there for one release. See docs/webadmin.md.
 */
public class DkimKeyRoutes extends PostwardenRoutes {
    public static final String BASE = "/postwarden/dkim/domains";
    public static final String FORMER_BASE = "/dkim/domains";
    private static final String KEYS = "/:domain/keys";
    private static final String KEY = KEYS + "/:selector";

    private final DkimKeyManager keys;
    private final DomainList domains;
    private final JsonExtractor<KeyRequest> keyRequest = new JsonExtractor<>(KeyRequest.class);

    @Inject
    DkimKeyRoutes(DkimKeyManager keys, DomainList domains) {
        super(BASE);
        this.keys = keys;
        this.domains = domains;
    }

    @Override
    protected void define(Endpoints endpoints) {
        endpoints.post(KEYS, handled(this::create));
        endpoints.get(KEYS, handled((request, response) -> keys.keys(domain(request)).stream().map(KeyView::of).toList()));
        endpoints.get(KEY, handled((request, response) -> KeyView.of(keys.key(domain(request), request.params("selector")))));
        endpoints.get(KEY + "/dns-check", handled((request, response) -> keys.dnsCheck(domain(request), request.params("selector"))));
        endpoints.post(KEY, handled(this::action));
        endpoints.delete(KEY, handled((request, response) -> KeyView.of(keys.retire(domain(request), request.params("selector")))));
    }

    private Object create(Request request, Response response) {
        String domain = domain(request);
        KeyRequest body = parse(request);
        Optional<String> selector = Optional.ofNullable(body.selector()).filter(value -> !value.isBlank());
        DkimKey key;
        if (body.pem() != null) {
            key = keys.importKey(domain, selector.orElseThrow(() -> invalid("selector is required to import a key")), body.pem());
        } else {
            key = keys.generate(domain, algorithm(body.algorithm()), selector,
                body.bits() == null ? OptionalInt.empty() : OptionalInt.of(body.bits()));
        }
        response.status(HttpStatus.CREATED_201);
        response.header("Location", BASE + "/" + domain + "/keys/" + key.selector());
        return KeyView.of(key);
    }

    private Object action(Request request, Response response) {
        RequestParameters.requireAction(request, "activate");
        return KeyView.of(keys.activate(domain(request), request.params("selector")));
    }

    private KeyRequest parse(Request request) {
        return JsonBodies.parse(keyRequest, request.body(),
            "{\"algorithm\": \"rsa\"|\"ed25519\", \"selector\": ..., \"bits\": ...} or {\"selector\": ..., \"pem\": ...}");
    }

    private static DkimAlgorithm algorithm(String value) {
        return switch (Optional.ofNullable(value).orElse("rsa").trim().toLowerCase(Locale.ROOT)) {
            case "rsa", "rsa-sha256" -> DkimAlgorithm.RSA_SHA256;
            case "ed25519", "ed25519-sha256" -> DkimAlgorithm.ED25519_SHA256;
            default -> throw invalid("Unknown algorithm '" + value + "': use rsa or ed25519");
        };
    }

    private String domain(Request request) {
        return RequestParameters.localDomain(request, domains);
    }

    /** Maps the key manager's errors to HTTP: 400 bad input, 404 unknown key, 409 conflict or unpublished key. */
    private static Route handled(Route route) {
        return (request, response) -> {
            try {
                return route.handle(request, response);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            } catch (UnknownKeyException e) {
                throw notFound(e.getMessage());
            } catch (KeyNotPublishedException e) {
                throw conflict(e.getMessage() + " (GET .../dns-check tells what DNS has)");
            } catch (KeyConflictException e) {
                throw conflict(e.getMessage());
            }
        };
    }

    record KeyRequest(String algorithm, String selector, Integer bits, String pem) {
    }
}
