package org.postwarden.adminhttp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys of webadmin.properties the request guard reads:
 * <ul>
 *   <li>{@code cors.enable} (false) and {@code cors.origin} (James' default {@code *}): James' own keys; with CORS
 *   off the guard strips every {@code Access-Control-*} header and refuses preflights, and only then may a page of
 *   {@code cors.origin} write;</li>
 *   <li>{@code allowed.hosts} (none): host names, comma separated, besides {@code localhost} and IP literals,
 *   that a request's {@code Host} may name (the names webadmin is reached by when bound to another address).</li>
 * </ul>
 */
public record AdminGuardConfig(boolean corsEnabled, Optional<String> corsOrigin, Set<String> allowedHosts) {
    public static final AdminGuardConfig DEFAULT = new AdminGuardConfig(false, Optional.empty(), Set.of());
    private static final String FILE = "webadmin.properties";

    public static AdminGuardConfig from(Map<String, String> properties) {
        boolean cors = flag(properties, "cors.enable");
        Optional<String> origin = cors
            ? Optional.of(properties.getOrDefault("cors.origin", "*").trim().toLowerCase(Locale.ROOT))
            : Optional.empty();
        Set<String> hosts = Arrays.stream(properties.getOrDefault("allowed.hosts", "").split(","))
            .map(host -> host.trim().toLowerCase(Locale.ROOT))
            .filter(host -> !host.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
        return new AdminGuardConfig(cors, origin, hosts);
    }

    private static boolean flag(Map<String, String> properties, String key) {
        String value = properties.getOrDefault(key, "false").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new IllegalArgumentException(FILE + ": " + key + " must be true or false, got '" + value + "'");
        };
    }
}
