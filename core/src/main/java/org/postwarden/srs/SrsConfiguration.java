package org.postwarden.srs;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.postwarden.config.ConfigFile;

/**
 * SRS settings from conf/srs.properties: {@code domain} (the forwarder domain SRS addresses are written in; empty
 * turns SRS off), {@code secrets} (comma separated; the first signs, all verify, so a new secret is added in front
 * and an old one removed after the maximum age; empty: the secrets live in a {@code keys.SrsSecretStore} and rotate
 * over webadmin), {@code hash.compat} ({@code none}: the hash is compared case-sensitively and has at least
 * {@value #STRICT_MIN_HASH_LENGTH} characters; {@code mailsrs}: as Mail::SRS, case ignored), {@code hashLength}
 * ({@value #STRICT_MIN_HASH_LENGTH}, or 4 with {@code mailsrs}), {@code maxAge} in days (21), and the
 * {@code reverse.*} keys of {@link ReverseSrsPolicy}.
 */
public record SrsConfiguration(Optional<String> domain, List<String> secrets, int hashLength, int maxAgeDays,
                               SrsHash.Comparison hashComparison, ReverseSrsPolicy reverse) {
    public static final String FILE = "srs.properties";
    /** 48 bits of case-sensitive base64: beyond reach of guesses at SMTP speed. */
    public static final int STRICT_MIN_HASH_LENGTH = 8;
    private static final int MAILSRS_HASH_LENGTH = 4;

    public SrsConfiguration {
        secrets = List.copyOf(secrets);
    }

    public static SrsConfiguration from(Map<String, String> properties) {
        return from(ConfigFile.of(FILE, properties));
    }

    /** Reads the keys above; {@code dedupWindow} is {@code org.postwarden.forward.ForwardingConfig}'s. */
    public static SrsConfiguration from(ConfigFile file) {
        String domain = file.string("domain", "").toLowerCase(Locale.ROOT);
        List<String> secrets = file.list("secrets");
        Map<String, SrsHash.Comparison> compat = new LinkedHashMap<>();
        compat.put("none", SrsHash.Comparison.EXACT);
        compat.put("mailsrs", SrsHash.Comparison.IGNORE_CASE);
        SrsHash.Comparison comparison = file.choice("hash.compat", "none", compat);
        int hashLength = file.integer("hashLength",
            comparison == SrsHash.Comparison.EXACT ? STRICT_MIN_HASH_LENGTH : MAILSRS_HASH_LENGTH);
        if (comparison == SrsHash.Comparison.EXACT && hashLength < STRICT_MIN_HASH_LENGTH) {
            throw file.error("hashLength", String.valueOf(hashLength), "must be at least " + STRICT_MIN_HASH_LENGTH
                + " (a shorter hash can be guessed); set hash.compat=mailsrs to keep Mail::SRS's short hashes compared"
                + " ignoring case");
        }
        return new SrsConfiguration(domain.isEmpty() ? Optional.empty() : Optional.of(domain), secrets, hashLength,
            file.integer("maxAge", 21), comparison, ReverseSrsPolicy.from(file));
    }

    /** Whether {@code address} looks like an SRS address written in our SRS domain (its hash is not checked). */
    public boolean isOurs(String address) {
        int at = address.lastIndexOf('@');
        String local = address.substring(0, Math.max(at, 0)).toUpperCase(Locale.ROOT);
        return domain.isPresent() && at > 0 && address.substring(at + 1).equalsIgnoreCase(domain.get())
            && (local.startsWith("SRS0") || local.startsWith("SRS1"));
    }

    /** An {@link Srs} with these settings over {@code secrets}: the first signs, all verify. */
    public Srs srs(List<String> secrets, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalStateException("SRS needs at least one secret");
        }
        return Srs.builder(SrsSecrets.of(secrets.get(0), secrets.subList(1, secrets.size()).toArray(String[]::new)))
            .clock(clock)
            .hashLength(hashLength)
            .hashComparison(hashComparison)
            .maxAgeDays(maxAgeDays)
            .build();
    }
}
