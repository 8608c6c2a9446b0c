package org.postwarden.bench.smtp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The load run's result as Markdown: the table (each flow: the Postfix baseline beside Postwarden plain and
 * full, medians over the rounds, ratios to the baseline, server CPU per message), then every measured case in
 * detail, then the servers' memory.
 */
final class LoadTable {
    record Settings(int connections, int messages, int size, int warmup, int rounds) {
    }

    private record Row(String flow, LoadRun.Case baseline, String baselineNote, LoadRun.Case plain, LoadRun.Case full) {
    }

    private static final List<Row> ROWS = List.of(
        new Row("relay", new LoadRun.Case(Profile.POSTFIX, Scenario.RELAY), "",
            new LoadRun.Case(Profile.PLAIN, Scenario.RELAY), new LoadRun.Case(Profile.FULL, Scenario.RELAY)),
        new Row("relay with DKIM RSA-2048", new LoadRun.Case(Profile.POSTFIX_DKIM, Scenario.RELAY), " with OpenDKIM",
            null, new LoadRun.Case(Profile.FULL, Scenario.RELAY)),
        new Row("forward (full: SRS + ARC seal)", new LoadRun.Case(Profile.POSTFIX_DKIM, Scenario.RELAY), " (its relay with OpenDKIM)",
            new LoadRun.Case(Profile.PLAIN, Scenario.FORWARD), new LoadRun.Case(Profile.FULL, Scenario.FORWARD)),
        new Row("inbound to mailbox", new LoadRun.Case(Profile.POSTFIX, Scenario.INBOUND), " to Maildir",
            new LoadRun.Case(Profile.PLAIN, Scenario.INBOUND), new LoadRun.Case(Profile.FULL, Scenario.INBOUND)));

    private LoadTable() {
    }

    static String render(List<LoadRun.Measurement> measurements, Map<String, LoadRun.Memory> memory, Settings settings) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "SMTP load: %d connections x %d messages of %d bytes per flow and round; each server "
                + "warmed with %d mails first; %d rounds, one server at a time, order rotated; medians.%n"
                + "msg/s: delivered messages over the time until the last one arrived (mailbox, Maildir or sink); "
                + "x: against the Postfix baseline of the same run; CPU: ms per delivered message of the server's processes "
                + "(Postfix: master and all its daemons; + OpenDKIM).%n%n",
            settings.connections(), settings.messages(), settings.size(), settings.warmup(), settings.rounds()));
        out.append("| flow | Postfix baseline | Postwarden plain | Postwarden full |\n| --- | --- | --- | --- |\n");
        for (Row row : ROWS) {
            Optional<Double> baseline = median(measurements, row.baseline(), LoadRun.Measurement::deliveredPerSecond);
            out.append("| ").append(row.flow())
                .append(" | ").append(baseline.map(rate -> baselineCell(measurements, row)).orElse("not run"))
                .append(" | ").append(cell(measurements, row.plain(), baseline))
                .append(" | ").append(cell(measurements, row.full(), baseline))
                .append(" |\n");
        }

        Set<LoadRun.Case> cases = measurements.stream().map(LoadRun.Measurement::subject).collect(Collectors.toCollection(LinkedHashSet::new));
        out.append("\nEvery case (medians; delivered/s of each round in order; CPU ms per delivered message by process group, "
            + "`load` being the generator and sink JVM; signed: relayed messages that reached the sink with a DKIM-Signature):\n\n");
        out.append("| profile | flow | delivered/s by round | delivered/s | accepted/s | p50 ms | p99 ms | errors | lost | signed | CPU ms/msg |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (LoadRun.Case subject : cases) {
            List<LoadRun.Measurement> rounds = of(measurements, subject);
            Set<String> groups = new LinkedHashSet<>();
            rounds.forEach(measurement -> groups.addAll(measurement.cpuMillis().keySet()));
            String cpu = groups.stream()
                .map(group -> group + " " + decimal(median(rounds, measurement -> measurement.cpuPerMessage(group))))
                .collect(Collectors.joining(", "));
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %d | %d | %d | %s |%n",
                subject.profile().label(), subject.scenario().title,
                rounds.stream().map(measurement -> String.format(Locale.ROOT, "%.0f", measurement.deliveredPerSecond())).collect(Collectors.joining(" / ")),
                decimal(median(rounds, LoadRun.Measurement::deliveredPerSecond)),
                decimal(median(rounds, measurement -> measurement.load().acceptedPerSecond())),
                decimal(median(rounds, measurement -> measurement.load().latencyMillis(50))),
                decimal(median(rounds, measurement -> measurement.load().latencyMillis(99))),
                rounds.stream().mapToInt(measurement -> measurement.load().errorCount()).sum(),
                rounds.stream().mapToInt(measurement -> measurement.load().accepted() - measurement.delivered()).sum(),
                rounds.stream().mapToInt(LoadRun.Measurement::signed).sum(),
                cpu));
        }
        out.append("\n| server | memory idle after warm-up (MB) | peak while measured (MB) |\n| --- | --- | --- |\n");
        memory.forEach((server, megabytes) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d |%n",
            server, megabytes.idleMegabytes(), megabytes.peakMegabytes())));
        out.append("\nMemory: the JVM's resident set (VmRSS) for Postwarden; for Postfix the proportional set size (Pss) "
            + "summed over its processes and OpenDKIM's.\n");
        return out.toString();
    }

    private static String baselineCell(List<LoadRun.Measurement> measurements, Row row) {
        List<LoadRun.Measurement> rounds = of(measurements, row.baseline());
        StringBuilder cell = new StringBuilder(String.format(Locale.ROOT, "%s msg/s%s, %s ms CPU/msg",
            decimal(median(rounds, LoadRun.Measurement::deliveredPerSecond)), row.baselineNote(),
            decimal(median(rounds, LoadRun.Measurement::serverCpuPerMessage))));
        if (row.baseline().profile() == Profile.POSTFIX_DKIM) {
            cell.append(String.format(Locale.ROOT, " (postfix %s + opendkim %s)",
                decimal(median(rounds, measurement -> measurement.cpuPerMessage("postfix"))),
                decimal(median(rounds, measurement -> measurement.cpuPerMessage("opendkim")))));
        }
        return cell.toString();
    }

    private static String cell(List<LoadRun.Measurement> measurements, LoadRun.Case subject, Optional<Double> baseline) {
        if (subject == null) {
            return "—";
        }
        List<LoadRun.Measurement> rounds = of(measurements, subject);
        if (rounds.isEmpty()) {
            return "not run";
        }
        double rate = median(rounds, LoadRun.Measurement::deliveredPerSecond);
        String ratio = baseline.map(base -> String.format(Locale.ROOT, " (%.2f×)", rate / base)).orElse("");
        return String.format(Locale.ROOT, "%s msg/s%s, %s ms CPU/msg", decimal(rate), ratio,
            decimal(median(rounds, LoadRun.Measurement::serverCpuPerMessage)));
    }

    private static List<LoadRun.Measurement> of(List<LoadRun.Measurement> measurements, LoadRun.Case subject) {
        List<LoadRun.Measurement> rounds = new ArrayList<>();
        for (LoadRun.Measurement measurement : measurements) {
            if (measurement.subject().equals(subject)) {
                rounds.add(measurement);
            }
        }
        return rounds;
    }

    private static Optional<Double> median(List<LoadRun.Measurement> measurements, LoadRun.Case subject,
                                           ToDoubleFunction<LoadRun.Measurement> figure) {
        List<LoadRun.Measurement> rounds = of(measurements, subject);
        return rounds.isEmpty() ? Optional.empty() : Optional.of(median(rounds, figure));
    }

    private static double median(List<LoadRun.Measurement> rounds, ToDoubleFunction<LoadRun.Measurement> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }
}
