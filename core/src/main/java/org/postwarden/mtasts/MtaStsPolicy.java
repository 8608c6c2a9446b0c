package org.postwarden.mtasts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A policy served at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 §3.2):
 * <pre>
 * sts-policy-record  = sts-policy-field *WSP *(sts-policy-term sts-policy-field *WSP) [sts-policy-term]
 * sts-policy-field   = sts-policy-version / sts-policy-mode / sts-policy-max-age / sts-policy-mx / sts-policy-extension
 * sts-policy-version = "version" ":" *WSP "STSv1"
 * sts-policy-mode    = "mode" ":" *WSP ("testing" / "enforce" / "none")
 * sts-policy-max-age = "max_age" ":" *WSP 1*10DIGIT       ; at most 31557600
 * sts-policy-mx      = "mx" ":" *WSP ["*."] domain-name
 * </pre>
 */
public record MtaStsPolicy(Mode mode, List<String> mx, Duration maxAge) {
    /** One year (§3.2): longer max_age values are invalid. */
    public static final long MAX_AGE_LIMIT_SECONDS = 31_557_600L;
    private static final Pattern MX_PATTERN = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9\\-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9\\-]*[a-z0-9])?)*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    public enum Mode {
        /** Deliver only to matching MX hosts over validated TLS. */
        ENFORCE,
        /** Report failures but deliver anyway. */
        TESTING,
        /** The domain withdrew its policy. */
        NONE
    }

    public MtaStsPolicy {
        Objects.requireNonNull(mode, "mode");
        mx = List.copyOf(mx);
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /** @throws MtaStsException when a required field is missing or a value is invalid */
    public static MtaStsPolicy parse(String body) throws MtaStsException {
        Optional<String> version = Optional.empty();
        Optional<String> mode = Optional.empty();
        Optional<String> maxAge = Optional.empty();
        List<String> mx = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isBlank() || colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            // The first occurrence of a field counts (§3.2: subsequent ones are ignored), except mx which repeats.
            switch (key) {
                case "version" -> version = version.or(() -> Optional.of(value));
                case "mode" -> mode = mode.or(() -> Optional.of(value));
                case "max_age" -> maxAge = maxAge.or(() -> Optional.of(value));
                case "mx" -> mx.add(mxPattern(value));
                default -> { }
            }
        }
        if (!version.equals(Optional.of("STSv1"))) {
            throw new MtaStsException("policy version must be STSv1, got " + version.orElse("none"));
        }
        Mode parsedMode = parseMode(mode.orElseThrow(() -> new MtaStsException("policy has no mode")));
        if (parsedMode != Mode.NONE && mx.isEmpty()) {
            throw new MtaStsException("policy in mode " + mode.get() + " has no mx");
        }
        return new MtaStsPolicy(parsedMode, mx, parseMaxAge(maxAge.orElseThrow(() -> new MtaStsException("policy has no max_age"))));
    }

    /** Whether the MX host may receive mail under this policy (§4.1): an exact name, or {@code *.} for one leftmost label. */
    public boolean allows(String mxHost) {
        String host = normalize(mxHost);
        for (String pattern : mx) {
            if (pattern.startsWith("*.")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot + 1).equals(pattern.substring(2))) {
                    return true;
                }
            } else if (pattern.equals(host)) {
                return true;
            }
        }
        return false;
    }

    private static String mxPattern(String value) throws MtaStsException {
        String pattern = normalize(value);
        if (!MX_PATTERN.matcher(pattern).matches()) {
            throw new MtaStsException("invalid mx pattern \"" + value + "\"");
        }
        return pattern;
    }

    private static Mode parseMode(String value) throws MtaStsException {
        return switch (value) {
            case "enforce" -> Mode.ENFORCE;
            case "testing" -> Mode.TESTING;
            case "none" -> Mode.NONE;
            default -> throw new MtaStsException("policy mode must be enforce, testing or none, got \"" + value + "\"");
        };
    }

    private static Duration parseMaxAge(String value) throws MtaStsException {
        if (!DIGITS.matcher(value).matches() || Long.parseLong(value) > MAX_AGE_LIMIT_SECONDS) {
            throw new MtaStsException("policy max_age must be 0 to " + MAX_AGE_LIMIT_SECONDS + " seconds, got \"" + value + "\"");
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    private static String normalize(String name) {
        String lowerCase = name.strip().toLowerCase(Locale.ROOT);
        return lowerCase.endsWith(".") ? lowerCase.substring(0, lowerCase.length() - 1) : lowerCase;
    }
}
