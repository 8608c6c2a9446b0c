package org.postwarden.bench.smtp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The load run's result as a text table: each scenario plain beside full, and the servers' memory. */
final class LoadTable {
    private LoadTable() {
    }

    static String render(List<LoadRun.Measurement> measurements, Map<Profile, LoadRun.Memory> memory,
                         int connections, int messages, int size) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "SMTP load: %d connections x %d messages of %d bytes per scenario. "
            + "delivered/s: accepted messages over the time until the last one arrived (mailbox or sink); "
            + "p50/p99: SMTP transaction (MAIL FROM to the reply after the data); vs plain: delivered/s against plain%n",
            connections, messages, size));
        String format = "%-20s %-6s %11s %12s %8s %8s %7s %9s%n";
        out.append(String.format(Locale.ROOT, format, "scenario", "profile", "accepted/s", "delivered/s", "p50 ms", "p99 ms", "errors", "vs plain"));
        for (LoadRun.Measurement measurement : measurements) {
            Optional<LoadRun.Measurement> plain = measurements.stream()
                .filter(other -> other.scenario() == measurement.scenario() && other.profile() == Profile.PLAIN)
                .findFirst();
            String ratio = plain.map(baseline -> String.format(Locale.ROOT, "%.2f", measurement.deliveredPerSecond() / baseline.deliveredPerSecond()))
                .orElse("n/a");
            out.append(String.format(Locale.ROOT, format, measurement.scenario().title, measurement.profile().label(),
                String.format(Locale.ROOT, "%,.1f", measurement.load().acceptedPerSecond()),
                String.format(Locale.ROOT, "%,.1f", measurement.deliveredPerSecond()),
                String.format(Locale.ROOT, "%.1f", measurement.load().latencyMillis(50)),
                String.format(Locale.ROOT, "%.1f", measurement.load().latencyMillis(99)),
                measurement.load().errorCount() + (measurement.delivered() < measurement.load().accepted() ? "+lost?" : ""),
                ratio));
        }
        out.append(String.format(Locale.ROOT, "%nserver RSS (MB)%n%-8s %6s %12s%n", "profile", "idle", "under load"));
        memory.forEach((profile, rss) -> out.append(String.format(Locale.ROOT, "%-8s %6d %12d%n",
            profile.label(), rss.idleMegabytes(), rss.peakMegabytes())));
        return out.toString();
    }
}
