package org.postwarden.adminhttp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.common.net.InetAddresses;

/**
 * Decides whether webadmin serves a request, so that no web page open in the operator's browser can use it.
 * <ul>
 *   <li>{@code Host} must be {@code localhost}, an IP literal or a name of {@code allowed.hosts}: a page whose own
 *   name was rebound to this machine's address (DNS rebinding) names itself in {@code Host}, so it is refused
 *   (421), reads included.</li>
 *   <li>With CORS off, a preflight ({@code OPTIONS}) is refused: no page of another origin is granted anything.</li>
 *   <li>A write (any method but GET, HEAD, OPTIONS) from another origin, as {@code Origin}, {@code Referer} or
 *   {@code Sec-Fetch-Site} tell, is refused (403), unless CORS is on for that origin.</li>
 *   <li>A write never takes the three content types a form or a simple fetch sends without a preflight
 *   ({@code text/plain}, {@code application/x-www-form-urlencoded}, {@code multipart/form-data}), and a POST, the one
 *   write method a page can send without a preflight, must say {@code Content-Type: application/json}, body or
 *   not (415). A page can only send that type after a preflight, which the first rules refuse: so even a browser
 *   that sends neither {@code Origin} nor {@code Sec-Fetch-Site} cannot write.</li>
 *   <li>A JSON {@code null} body is no request object (400).</li>
 * </ul>
 */
public final class AdminRequestGuard {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SIMPLE_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data");
    private static final Set<String> OWN_FETCHES = Set.of("same-origin", "none");
    private static final String JSON = "application/json";

    private final AdminGuardConfig config;

    public AdminRequestGuard(AdminGuardConfig config) {
        this.config = config;
    }

    public AdminVerdict check(AdminRequest request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (request.host().isPresent() && !allowedHost(request.host().get())) {
            return AdminVerdict.refuse(421, "Host '" + request.host().get() + "' is not this webadmin: use localhost or"
                + " an IP address, or add the name to allowed.hosts in webadmin.properties");
        }
        if (method.equals("OPTIONS") && !config.corsEnabled()) {
            return AdminVerdict.refuse(403, "Cross-origin requests are not allowed: CORS is off (cors.enable in webadmin.properties)");
        }
        if (READS.contains(method)) {
            return AdminVerdict.ALLOWED;
        }
        Optional<String> ownOrigin = request.host().map(host -> normalized(request.scheme() + "://" + host));
        Optional<String> origin = request.origin().map(AdminRequestGuard::normalized);
        if (origin.isPresent() && !origin.equals(ownOrigin) && !corsAllows(origin.get())) {
            return crossOrigin("Origin " + request.origin().get());
        }
        if (origin.isEmpty() && request.referer().isPresent() && !refererOrigin(request.referer().get()).equals(ownOrigin)) {
            return crossOrigin("Referer " + request.referer().get());
        }
        boolean corsGranted = origin.isPresent() && !origin.equals(ownOrigin);
        String site = request.secFetchSite().map(value -> value.trim().toLowerCase(Locale.ROOT)).orElse("none");
        if (!OWN_FETCHES.contains(site) && !corsGranted) {
            return crossOrigin("Sec-Fetch-Site " + site);
        }
        return content(method, request);
    }

    private AdminVerdict content(String method, AdminRequest request) {
        String mediaType = request.contentType()
            .map(type -> type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
            .orElse("");
        if (SIMPLE_TYPES.contains(mediaType) || (method.equals("POST") && !mediaType.equals(JSON))) {
            return AdminVerdict.refuse(415, "Webadmin writes take 'Content-Type: application/json'"
                + (method.equals("POST") ? " (on every POST, with or without a body)" : "") + ", got "
                + request.contentType().map(type -> "'" + type + "'").orElse("none"));
        }
        if (request.shortBody().map(String::trim).filter("null"::equals).isPresent()) {
            return AdminVerdict.refuse(400, "JSON payload of the request is not valid: expected an object, got null");
        }
        return AdminVerdict.ALLOWED;
    }

    private boolean allowedHost(String hostHeader) {
        String host = hostName(hostHeader.trim().toLowerCase(Locale.ROOT));
        return host.equals("localhost") || host.endsWith(".localhost") || config.allowedHosts().contains(host)
            || InetAddresses.isInetAddress(host);
    }

    /** The name or address of a Host header: {@code [::1]:8000} gives {@code ::1}, {@code a.b:80} gives {@code a.b}. */
    private static String hostName(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int close = hostHeader.indexOf(']');
            return close < 0 ? hostHeader : hostHeader.substring(1, close);
        }
        int colon = hostHeader.indexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }

    private boolean corsAllows(String origin) {
        return config.corsOrigin().map(allowed -> allowed.equals("*") || normalized(allowed).equals(origin)).orElse(false);
    }

    private static AdminVerdict crossOrigin(String evidence) {
        return AdminVerdict.refuse(403, "Cross-origin write refused (" + evidence + "): webadmin only takes writes from"
            + " its own origin or from a client that is not a browser");
    }

    private static Optional<String> refererOrigin(String referer) {
        try {
            URI uri = new URI(referer.trim());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.of("unparsable");
            }
            String authority = uri.getRawAuthority();
            return Optional.of(normalized(uri.getScheme() + "://" + authority.substring(authority.indexOf('@') + 1)));
        } catch (URISyntaxException e) {
            return Optional.of("unparsable");
        }
    }

    /** Lower case, without a trailing slash or the scheme's default port. */
    private static String normalized(String origin) {
        String value = origin.trim().toLowerCase(Locale.ROOT);
        value = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        if (value.startsWith("http://") && value.endsWith(":80")) {
            return value.substring(0, value.length() - 3);
        }
        if (value.startsWith("https://") && value.endsWith(":443")) {
            return value.substring(0, value.length() - 4);
        }
        return value;
    }
}
