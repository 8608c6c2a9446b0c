package org.postwarden.dmarc.report;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.postwarden.config.ConfigFile;

/**
 * Every key of conf/dmarc-reports.properties: {@code enabled} (true; false keeps no evaluation and sends nothing),
 * {@code orgName} (default: the domain of the reporter address), {@code reporterAddress} (default:
 * dmarc-reports@ the default domain), {@code interval} (1d) and {@code sendAt} (00:30, HH:mm UTC: the first run).
 */
public record DmarcReportConfig(boolean enabled, Optional<String> orgName, Optional<String> reporterAddress,
                                Duration interval, LocalTime sendAt) {
    public static final String FILE = "dmarc-reports.properties";

    public static DmarcReportConfig from(ConfigFile file) {
        DmarcReportConfig config = new DmarcReportConfig(
            file.flag("enabled", true),
            file.optional("orgName"),
            file.optional("reporterAddress"),
            file.positiveDuration("interval", Duration.ofDays(1)),
            file.parsed("sendAt", LocalTime.of(0, 30), DmarcReportConfig::time));
        file.rejectUnknownKeys();
        return config;
    }

    /** Until the next {@code sendAt}, UTC: reports then cover whole days and reach Domain Owners early in theirs. */
    public Duration untilFirstRun(Clock clock) {
        return untilNext(sendAt, clock);
    }

    static Duration untilNext(LocalTime time, Clock clock) {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        ZonedDateTime next = now.with(time);
        return Duration.between(now, next.isAfter(now) ? next : next.plusDays(1));
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a UTC time as HH:mm, such as 00:30");
        }
    }
}
