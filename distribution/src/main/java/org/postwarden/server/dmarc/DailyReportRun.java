package org.postwarden.server.dmarc;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.postwarden.common.Durations;
import org.postwarden.dmarc.report.AggregateReporter;
import org.postwarden.server.config.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reporter every {@code interval} (default 1d), first at the next {@code sendAt} (HH:mm UTC, default 00:30):
 * reports then cover whole days and reach Domain Owners early in theirs. Not started when {@code enabled=false}.
 */
@Singleton
class DailyReportRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(DailyReportRun.class);

    private final PeriodicJob job;

    @Inject
    DailyReportRun(AggregateReporter reporter, Clock clock, @DmarcReportProperties Map<String, String> properties) {
        if (!DmarcReportingModule.enabled(properties)) {
            job = null;
            return;
        }
        Duration interval = Durations.parse(properties.getOrDefault("interval", "1d").trim());
        LocalTime sendAt = LocalTime.parse(properties.getOrDefault("sendAt", "00:30").trim());
        job = PeriodicJob.start("dmarc-aggregate-reports", untilNext(sendAt, clock), interval, () -> {
            AggregateReporter.RunSummary summary = reporter.run();
            LOGGER.info("DMARC aggregate reports: {} closed, sent {}, undeliverable {}, retrying {}", summary.reportsClosed(),
                summary.sent(), summary.undeliverable(), summary.retrying());
        });
    }

    static Duration untilNext(LocalTime time, Clock clock) {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        ZonedDateTime next = now.with(time);
        return Duration.between(now, next.isAfter(now) ? next : next.plusDays(1));
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.close();
        }
    }
}
