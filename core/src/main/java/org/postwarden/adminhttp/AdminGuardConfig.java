package org.postwarden.adminhttp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.postwarden.config.ConfigFile;

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
    public static final String FILE = "webadmin.properties";

    public static AdminGuardConfig from(Map<String, String> properties) {
        return from(ConfigFile.of(FILE, properties));
    }

    /** James reads the other keys of the file: they are not checked here. */
    public static AdminGuardConfig from(ConfigFile file) {
        boolean cors = file.flag("cors.enable", false);
        Optional<String> origin = cors
            ? Optional.of(file.string("cors.origin", "*").toLowerCase(Locale.ROOT))
            : Optional.empty();
        Set<String> hosts = file.list("allowed.hosts").stream()
            .map(host -> host.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
        return new AdminGuardConfig(cors, origin, hosts);
    }
}
