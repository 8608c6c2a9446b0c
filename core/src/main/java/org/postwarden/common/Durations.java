package org.postwarden.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations of the greylist configuration: an integer and a unit ({@code 300s}, {@code 5m},
 * {@code 12h}, {@code 2d}, {@code 1500ms}), or an ISO-8601 duration ({@code PT5M}).
 */
public final class Durations {
    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the bad input and the accepted forms */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher matcher = AMOUNT_AND_UNIT.matcher(trimmed);
        if (!matcher.matches()) {
            throw invalid(text);
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        try {
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException tooLong) {
            throw invalid(text);
        }
    }

    /** The duration as configuration writes it, in its largest whole unit: {@code 1d}, {@code 12h}, {@code 90m}, {@code 1500ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("Invalid duration '" + text
            + "': expected a whole number and a unit among ms, s, m, h, d (e.g. 300s, 5m, 2d) or ISO-8601 (PT5M)");
    }
}
