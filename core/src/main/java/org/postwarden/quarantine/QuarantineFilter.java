package org.postwarden.quarantine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The filters of {@code GET /postwarden/quarantine/mails}: case-insensitive substrings of a target, the sender and
 * the reason; {@code since} (inclusive) and {@code until} (exclusive) on the quarantine date, as an ISO-8601 instant
 * ({@code 2026-11-22T10:00:00Z}) or a UTC day ({@code 2026-11-22}); {@code limit} 1–10000, default 100.
 */
public record QuarantineFilter(String recipient, String sender, String reason, Optional<Instant> since,
                               Optional<Instant> until, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    public static QuarantineFilter all() {
        return new QuarantineFilter("", "", "", Optional.empty(), Optional.empty(), MAX_LIMIT);
    }

    /** @throws IllegalArgumentException naming the bad parameter */
    public static QuarantineFilter parse(Function<String, String> parameters) {
        return new QuarantineFilter(text(parameters, "recipient"), text(parameters, "sender"), text(parameters, "reason"),
            date(parameters, "since"), date(parameters, "until"), limit(parameters.apply("limit")));
    }

    public boolean matches(QuarantinedMail mail) {
        return mail.targets().stream().anyMatch(target -> contains(target, recipient))
            && contains(mail.sender(), sender)
            && contains(mail.reason(), reason)
            && since.map(start -> mail.receivedAt().map(date -> !date.isBefore(start)).orElse(false)).orElse(true)
            && until.map(end -> mail.receivedAt().map(date -> date.isBefore(end)).orElse(false)).orElse(true);
    }

    private static boolean contains(String value, String part) {
        return part.isEmpty() || value.toLowerCase(Locale.ROOT).contains(part);
    }

    private static String text(Function<String, String> parameters, String name) {
        return Optional.ofNullable(parameters.apply(name)).map(value -> value.trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    private static Optional<Instant> date(Function<String, String> parameters, String name) {
        String value = Optional.ofNullable(parameters.apply(name)).map(String::trim).orElse("");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant (2026-11-22T10:00:00Z) or day (2026-11-22), got '" + value + "'");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number");
        }
    }
}
