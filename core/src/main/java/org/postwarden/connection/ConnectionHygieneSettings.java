package org.postwarden.connection;

import java.time.Duration;
import java.util.Objects;

import org.postwarden.common.Durations;

/**
 * The connection hygiene of one SMTP server, from its block in smtpserver.xml: how many concurrent connections one
 * address may hold, how long one command line may take to arrive once started, and how long the server waits before
 * its greeting to catch clients that talk first. Zero turns each off.
 */
public record ConnectionHygieneSettings(int perAddressLimit, Duration commandDeadline, Duration pregreetWait) {
    public static final String COMMAND_DEADLINE = "commandDeadline";
    public static final String PREGREET_WAIT = "pregreetWait";
    /** Postfix's smtpd_timeout is 300 s per read; a whole command line taking a minute is already far from any MTA. */
    public static final Duration DEFAULT_COMMAND_DEADLINE = Duration.ofSeconds(60);

    public ConnectionHygieneSettings {
        Objects.requireNonNull(commandDeadline, COMMAND_DEADLINE);
        Objects.requireNonNull(pregreetWait, PREGREET_WAIT);
        if (perAddressLimit < 0) {
            throw new IllegalArgumentException("smtpserver.xml: connectionLimitPerIP must not be negative: " + perAddressLimit);
        }
    }

    /**
     * @param perAddressLimit James' {@code connectionLimitPerIP}, 0 for unlimited
     * @param commandDeadline the {@code commandDeadline} element, null when absent ({@link #DEFAULT_COMMAND_DEADLINE})
     * @param pregreetWait the {@code pregreetWait} element, null when absent (off)
     * @throws IllegalArgumentException naming the file, the key and the value
     */
    public static ConnectionHygieneSettings from(int perAddressLimit, String commandDeadline, String pregreetWait) {
        return new ConnectionHygieneSettings(perAddressLimit,
            duration(COMMAND_DEADLINE, commandDeadline, DEFAULT_COMMAND_DEADLINE),
            duration(PREGREET_WAIT, pregreetWait, Duration.ZERO));
    }

    public boolean limitsAddresses() {
        return perAddressLimit > 0;
    }

    public boolean deadlinesCommands() {
        return !commandDeadline.isZero();
    }

    public boolean waitsBeforeGreeting() {
        return !pregreetWait.isZero();
    }

    private static Duration duration(String key, String value, Duration absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            Duration duration = Durations.parse(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("must not be negative");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("smtpserver.xml: " + key + "=" + value + ": " + e.getMessage(), e);
        }
    }
}
