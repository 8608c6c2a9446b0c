package org.postwarden.greylist;

import java.util.Map;

import org.postwarden.config.ConfigFile;

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
        return from(ConfigFile.of(GreylistConfig.FILE, properties));
    }

    public static GreylistSettings from(ConfigFile file) {
        return new GreylistSettings(
            file.flag("dryRun", DEFAULT.dryRun),
            file.flag("skip.authenticated", DEFAULT.skipAuthenticated),
            file.flag("skip.trustedNetworks", DEFAULT.skipTrustedNetworks),
            file.flag("skip.loopback", DEFAULT.skipLoopback),
            file.choice("mode", "all", Map.of("all", false, "suspicious", true)));
    }
}
