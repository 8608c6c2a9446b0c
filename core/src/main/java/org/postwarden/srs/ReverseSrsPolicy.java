package org.postwarden.srs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.postwarden.config.ConfigFile;

import org.postwarden.throttle.RateLimits;

/**
 * What mail an SRS address of ours takes back (conf/srs.properties, {@code reverse.*}). An SRS address exists so
 * that a bounce of a forward finds the original sender; anything else sent to it would be relayed to that sender
 * under our name.
 * <ul>
 *   <li>{@code reverse.accept}: {@code bounces} (the default: only the null reverse-path, RFC 5321 §4.5.5), or
 *   {@code bounces,auto-replies} to also take automatic replies, which RFC 3834 §3.1.5 marks with an
 *   {@code Auto-Submitted} header other than {@code no}.</li>
 *   <li>{@code reverse.perAddress}: returns one SRS address may take, e.g. {@code 5/1d}; {@code none}.</li>
 *   <li>{@code reverse.perClient}: returns one client address (IPv6 by /64) may send to all SRS addresses,
 *   e.g. {@code 100/1h}; {@code none}.</li>
 * </ul>
 */
public record ReverseSrsPolicy(boolean acceptsAutoReplies, RateLimits perAddress, RateLimits perClient) {
    public static final ReverseSrsPolicy DEFAULT = new ReverseSrsPolicy(false, RateLimits.parse("5/1d"),
        RateLimits.parse("100/1h"));
    private static final String BOUNCES = "bounces";
    private static final String AUTO_REPLIES = "auto-replies";

    public ReverseSrsPolicy {
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perClient, "perClient");
    }

    /** @throws IllegalArgumentException naming srs.properties, the key and the value */
    public static ReverseSrsPolicy from(Map<String, String> properties) {
        return from(ConfigFile.of(SrsConfiguration.FILE, properties));
    }

    public static ReverseSrsPolicy from(ConfigFile file) {
        // Written empty, it would take nothing back, not even bounces: refused rather than read as the default.
        String written = file.written("reverse.accept").orElse(BOUNCES);
        Set<String> kinds = Set.copyOf(List.of(written.toLowerCase(Locale.ROOT).split("\\s*,\\s*")));
        if (!kinds.contains(BOUNCES) || !Set.of(BOUNCES, AUTO_REPLIES).containsAll(kinds)) {
            throw file.error("reverse.accept", written, "expected bounces or bounces,auto-replies");
        }
        return new ReverseSrsPolicy(kinds.contains(AUTO_REPLIES),
            file.parsed("reverse.perAddress", DEFAULT.perAddress, RateLimits::parse),
            file.parsed("reverse.perClient", DEFAULT.perClient, RateLimits::parse));
    }

    /**
     * Whether an {@code Auto-Submitted} header value (RFC 3834 §5) marks an automatic message: any keyword but
     * {@code no}, parameters and comments aside. An absent header ({@code null}) does not.
     */
    public static boolean isAutomatic(String autoSubmitted) {
        if (autoSubmitted == null) {
            return false;
        }
        String keyword = autoSubmitted.replaceAll("\\([^)]*\\)", " ");
        int semicolon = keyword.indexOf(';');
        keyword = (semicolon < 0 ? keyword : keyword.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return !keyword.isEmpty() && !keyword.equals("no");
    }
}
