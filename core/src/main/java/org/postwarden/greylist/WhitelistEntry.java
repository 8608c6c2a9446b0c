package org.postwarden.greylist;

import com.google.common.base.Preconditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An administrator's exemption from greylisting. The value is validated and canonicalised on creation, so
 * a bad entry is refused (with {@link IllegalArgumentException}) instead of being stored and never matching.
 */
public record WhitelistEntry(String id, Kind kind, String value, String comment, Instant createdAt) {
    /** The widest value and comment every store keeps (the JDBC columns' sizes, in characters). */
    public static final int MAX_VALUE_LENGTH = 512;
    public static final int MAX_COMMENT_LENGTH = 1024;

    public enum Kind {
        /** An IP address or CIDR block, stored canonically ({@code 192.0.2.0/24}). */
        CLIENT_NETWORK,
        /** A domain matching the client's forward-confirmed reverse DNS name and its subdomains. */
        CLIENT_HOSTNAME_SUFFIX,
        /** A Java regular expression that must match the whole forward-confirmed name, ignoring case. */
        CLIENT_HOSTNAME_REGEX,
        /** The domain of the envelope sender as received; only honoured when SPF passed for it. */
        SENDER_DOMAIN,
        /** A recipient address opting out of greylisting. */
        RECIPIENT,
        /** A recipient domain opting out of greylisting. */
        RECIPIENT_DOMAIN
    }

    public WhitelistEntry {
        Preconditions.checkArgument(!id.isBlank(), "id must not be blank");
        Objects.requireNonNull(kind, "kind");
        value = canonical(kind, value);
        Objects.requireNonNull(comment, "comment");
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Entries read back from a store are not measured again: only new ones must fit every store. */
    public static WhitelistEntry create(Kind kind, String value, String comment, Instant now) {
        Preconditions.checkArgument(value.trim().length() <= MAX_VALUE_LENGTH, "%s value is longer than %s characters", kind, MAX_VALUE_LENGTH);
        Preconditions.checkArgument(comment.length() <= MAX_COMMENT_LENGTH, "comment is longer than %s characters", MAX_COMMENT_LENGTH);
        return new WhitelistEntry(UUID.randomUUID().toString(), kind, value, comment, now);
    }

    private static String canonical(Kind kind, String value) {
        String trimmed = value.trim();
        Preconditions.checkArgument(!trimmed.isEmpty(), "%s value must not be blank", kind);
        return switch (kind) {
            case CLIENT_NETWORK -> ClientNetwork.parse(trimmed).toString();
            case CLIENT_HOSTNAME_REGEX -> validRegex(trimmed);
            case RECIPIENT -> address(trimmed);
            default -> domain(kind, trimmed);
        };
    }

    private static String validRegex(String regex) {
        try {
            Pattern.compile(regex);
            return regex;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid regular expression '" + regex + "': " + e.getDescription(), e);
        }
    }

    private static String address(String address) {
        int at = address.lastIndexOf('@');
        Preconditions.checkArgument(at > 0 && at < address.length() - 1, "'%s' is not an email address", address);
        return address.toLowerCase(Locale.ROOT);
    }

    private static String domain(Kind kind, String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        name = name.startsWith(".") ? name.substring(1) : name;
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        // One leading and one trailing dot are dropped above; any other empty label makes it no domain.
        boolean emptyLabel = name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..");
        Preconditions.checkArgument(!emptyLabel && !name.contains("@") && name.chars().allMatch(c -> c > ' ' && c != 0x7F),
            "%s value '%s' is not a domain", kind, domain);
        return name;
    }
}
