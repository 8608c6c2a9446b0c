package org.postwarden.greylist;

import java.util.Locale;
import java.util.Map;

/**
 * How the SMTP hook applies greylisting, read from greylist.properties:
 * <ul>
 *   <li>{@code dryRun} (false): log and count what would be greylisted, refuse nothing;</li>
 *   <li>{@code skip.authenticated} (true), {@code skip.trustedNetworks} (true: smtpserver.xml's
 *   authorizedAddresses), {@code skip.loopback} (true: mail from this machine);</li>
 *   <li>{@code mode} ({@code all}, or {@code suspicious}: only clients without forward-confirmed reverse DNS or
 *   whose HELO does not resolve to them).</li>
 * </ul>
 */
public record GreylistSettings(boolean dryRun, boolean skipAuthenticated, boolean skipTrustedNetworks,
                               boolean skipLoopback, boolean suspiciousOnly) {

    public static final GreylistSettings DEFAULT = new GreylistSettings(false, true, true, true, false);

    public static GreylistSettings from(Map<String, String> properties) {
        return new GreylistSettings(
            flag(properties, "dryRun", DEFAULT.dryRun),
            flag(properties, "skip.authenticated", DEFAULT.skipAuthenticated),
            flag(properties, "skip.trustedNetworks", DEFAULT.skipTrustedNetworks),
            flag(properties, "skip.loopback", DEFAULT.skipLoopback),
            mode(properties.getOrDefault("mode", "all")));
    }

    private static boolean mode(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> false;
            case "suspicious" -> true;
            default -> throw new IllegalArgumentException("greylist mode must be 'all' or 'suspicious', got '" + value + "'");
        };
    }

    private static boolean flag(Map<String, String> properties, String key, boolean defaultValue) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
        };
    }
}
