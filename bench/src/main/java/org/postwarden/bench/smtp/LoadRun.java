package org.postwarden.bench.smtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SMTP load run (bench/smtp-load.sh): Postfix (plain, and with OpenDKIM) and the distribution once per Postwarden
 * {@link Profile}, all driven by the same generator and counted by the same sink, in one run. Every server is started
 * and provisioned, then warmed with the same number of mails, then measured in rounds, one server at a time (the
 * others idle), the order rotated each round; the table gives medians, ratios to Postfix and CPU per message.
 *
 * <p>Arguments: the distribution archive and a work directory. Settings (system properties): connections (50),
 * messages (per connection and flow, 40), size (4096 bytes), warmup (mails per server, 8000), rounds (3), profiles
 * (postfix,postfix-dkim,plain,full), scenarios (inbound,relay,forward), javaOpts (the distribution's default heap),
 * spamdPort (0: a stand-in that finds nothing spam), postfixDir (Postfix's directories), table (a file for the table),
 * crash (1: after the rounds, a {@link CrashCheck} of each Postwarden server), crashAfter (seconds of load before the kill, 10).
 */
public final class LoadRun {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);
    static final String LOAD_GROUP = "load";

    /** One flow through one profile. */
    record Case(Profile profile, Scenario scenario) {
    }

    /** One measured flow of one round; {@code cpuMillis} per process group over the window, the load JVM's as "load". */
    record Measurement(Case subject, int round, LoadResult load, Duration untilDelivered, int delivered, int signed,
                       Map<String, Long> cpuMillis) {
        double deliveredPerSecond() {
            return delivered / (untilDelivered.toNanos() / 1e9);
        }

        double cpuPerMessage(String group) {
            return cpuMillis.getOrDefault(group, 0L) / (double) Math.max(1, delivered);
        }

        /** The server's processes together (Postfix with OpenDKIM), without the load generator and sink. */
        double serverCpuPerMessage() {
            return cpuMillis.entrySet().stream().filter(group -> !group.getKey().equals(LOAD_GROUP))
                .mapToLong(Map.Entry::getValue).sum() / (double) Math.max(1, delivered);
        }
    }

    record Memory(long idleMegabytes, long peakMegabytes) {
    }

    /** A started server and the cases it is measured in. */
    record Unit(String name, LoadServer server, List<Case> cases) {
    }

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int connections = Integer.getInteger("connections", 50);
        int messages = Integer.getInteger("messages", 40);
        int size = Integer.getInteger("size", 4096);
        int warmup = Integer.getInteger("warmup", 8000);
        int rounds = Integer.getInteger("rounds", 3);
        List<Profile> profiles = parse(System.getProperty("profiles", "postfix,postfix-dkim,plain,full"), Profile.class);
        List<Scenario> scenarios = parse(System.getProperty("scenarios", "inbound,relay,forward"), Scenario.class);
        String javaOptions = System.getProperty("javaOpts", "-Xms256m -Xmx1g");
        int realSpamd = Integer.getInteger("spamdPort", 0);
        Path postfixDir = Path.of(System.getProperty("postfixDir", work.resolve("postfix").toString()));

        LoadMail mail = new LoadMail(size);
        List<AutoCloseable> opened = new ArrayList<>();
        // Interrupted (Ctrl-C, the script killed), the run must still stop the servers it started.
        Thread closer = new Thread(() -> closeAll(opened), "close-servers");
        Runtime.getRuntime().addShutdownHook(closer);
        try {
            CountingSink sink = opened(opened, new CountingSink());
            HamSpamd hamSpamd = opened(opened, new HamSpamd());
            List<Unit> units = new ArrayList<>();
            List<Case> postfixCases = cases(profiles, scenarios, Profile.POSTFIX, Profile.POSTFIX_DKIM);
            if (!postfixCases.isEmpty()) {
                log("postfix", "starting in " + postfixDir);
                PostfixServer postfix = opened(opened, PostfixServer.start(postfixDir, sink.port(), profiles.contains(Profile.POSTFIX_DKIM)));
                units.add(new Unit("postfix", postfix, postfixCases));
            }
            for (Profile profile : profiles) {
                List<Case> cases = cases(profiles, scenarios, profile);
                if (!profile.postwarden() || cases.isEmpty()) {
                    continue;
                }
                log(profile.label(), "starting");
                Distribution server = opened(opened, Distribution.unpack(archive, work, profile.label(), sink.port()));
                profile.configure(server, realSpamd == 0 ? hamSpamd.port() : realSpamd);
                server.publishZone(mail.zoneJson());
                server.start(javaOptions);
                Provisioning.provision(server, profile, mail);
                units.add(new Unit(profile.label(), server, cases));
            }

            Map<String, Memory> memory = new LinkedHashMap<>();
            for (Unit unit : units) {
                int perConnection = Math.max(1, (int) Math.ceil(warmup / (double) (unit.cases().size() * connections)));
                for (Case subject : unit.cases()) {
                    log(unit.name(), "warming up: " + subject.scenario().title + " (" + subject.profile().label() + "), "
                        + connections + " connections x " + perConnection + " messages");
                    report(measure(unit, subject, sink, mail, connections, perConnection, 0));
                }
            }
            Thread.sleep(3_000);
            for (Unit unit : units) {
                memory.put(unit.name(), new Memory(unit.server().memoryMegabytes(), unit.server().memoryMegabytes()));
            }

            List<Measurement> measurements = new ArrayList<>();
            MemorySampler sampler = new MemorySampler(memory);
            try (sampler) {
                for (int round = 1; round <= rounds; round++) {
                    List<Unit> order = new ArrayList<>(units);
                    Collections.rotate(order, -(round - 1));
                    log("round " + round, "order: " + order.stream().map(Unit::name).toList());
                    for (Unit unit : order) {
                        sampler.watch(unit);
                        for (Case subject : unit.cases()) {
                            Measurement measurement = measure(unit, subject, sink, mail, connections, messages, round);
                            measurements.add(measurement);
                            report(measurement);
                        }
                        sampler.watch(null);
                    }
                }
            }
            String table = LoadTable.render(measurements, memory,
                new LoadTable.Settings(connections, messages, size, warmup, rounds));
            if (List.of("1", "true").contains(System.getProperty("crash", "0"))) {
                table += crashChecks(units, mail, javaOptions, connections, Duration.ofSeconds(Integer.getInteger("crashAfter", 10)));
            }
            System.out.println();
            System.out.print(table);
            String tableFile = System.getProperty("table");
            if (tableFile != null) {
                Files.writeString(Path.of(tableFile), table);
            }
        } finally {
            closeAll(opened);
            Runtime.getRuntime().removeShutdownHook(closer);
        }
    }

    private static void closeAll(List<AutoCloseable> opened) {
        synchronized (opened) {
            Collections.reverse(opened);
            for (AutoCloseable resource : opened) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("closing " + resource.getClass().getSimpleName() + ": " + e);
                }
            }
            opened.clear();
        }
    }

    private static String crashChecks(List<Unit> units, LoadMail mail, String javaOptions, int connections,
                                      Duration killAfter) throws Exception {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nCrash check: kill -9 of the server after %d s of "
            + "inbound load (%d connections), restart, mailboxes counted over IMAP:%n%n%s%n", killAfter.toSeconds(), connections, CrashCheck.header()));
        for (Unit unit : units) {
            if (unit.server() instanceof Distribution server) {
                CrashCheck.Outcome outcome = CrashCheck.run(server, unit.cases().get(0).profile(), mail, javaOptions, connections, killAfter);
                log(unit.name(), "crash check: " + outcome);
                out.append(outcome.line()).append('\n');
            }
        }
        return out.toString();
    }

    private static Measurement measure(Unit unit, Case subject, CountingSink sink, LoadMail mail, int connections,
                                       int messages, int round) throws Exception {
        Scenario scenario = subject.scenario();
        LoadServer server = unit.server();
        String run = (round == 0 ? "warmup" : "r" + round) + "." + scenario.name().toLowerCase(Locale.ROOT) + "." + subject.profile().label();
        int before = scenario.delivered(server, sink);
        int signedBefore = sink.signed();
        Map<String, Long> cpuBefore = cpu(server);
        long start = System.nanoTime();
        LoadResult load = SmtpLoad.run(scenario.spec(server.entry(subject.profile(), scenario), mail, connections, messages, run));
        int expected = before + load.accepted();
        long deadline = start + DELIVERY_TIMEOUT.toNanos();
        int delivered = scenario.delivered(server, sink);
        while (delivered < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            delivered = scenario.delivered(server, sink);
        }
        Duration untilDelivered = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Long> cpuAfter = cpu(server);
        Map<String, Long> used = new LinkedHashMap<>();
        cpuAfter.forEach((group, millis) -> used.put(group, millis - cpuBefore.getOrDefault(group, 0L)));
        if (delivered < expected) {
            log(unit.name(), scenario.title + ": only " + (delivered - before) + " of " + load.accepted() + " accepted messages arrived within " + DELIVERY_TIMEOUT);
        }
        // Forwards carry the origin's signature already: only relayed submissions show who signed.
        int signed = scenario == Scenario.RELAY ? sink.signed() - signedBefore : 0;
        return new Measurement(subject, round, load, untilDelivered, delivered - before, signed, used);
    }

    private static Map<String, Long> cpu(LoadServer server) throws IOException {
        Map<String, Long> cpu = new LinkedHashMap<>(server.cpuMillis());
        cpu.put(LOAD_GROUP, ProcessCpu.ofProcess(ProcessHandle.current().pid()));
        return cpu;
    }

    private static void report(Measurement measurement) {
        StringBuilder cpu = new StringBuilder();
        measurement.cpuMillis().keySet().forEach(group -> cpu.append(String.format(Locale.ROOT, " %s %.1f", group, measurement.cpuPerMessage(group))));
        log(measurement.subject().profile().label(), String.format(Locale.ROOT,
            "%s%s: %d delivered, %,.1f accepted/s, %,.1f delivered/s, CPU ms/msg:%s, %d signed, %d errors %s",
            measurement.round() == 0 ? "warm-up " : "round " + measurement.round() + " ", measurement.subject().scenario().title,
            measurement.delivered(), measurement.load().acceptedPerSecond(), measurement.deliveredPerSecond(), cpu,
            measurement.signed(), measurement.load().errorCount(), measurement.load().errors()));
    }

    private static List<Case> cases(List<Profile> profiles, List<Scenario> scenarios, Profile... of) {
        List<Case> cases = new ArrayList<>();
        for (Profile profile : of) {
            if (profiles.contains(profile)) {
                scenarios.stream().filter(profile::serves).forEach(scenario -> cases.add(new Case(profile, scenario)));
            }
        }
        return cases;
    }

    private static <T extends AutoCloseable> T opened(List<AutoCloseable> opened, T resource) {
        synchronized (opened) {
            opened.add(resource);
        }
        return resource;
    }

    private static <E extends Enum<E>> List<E> parse(String names, Class<E> type) {
        List<E> values = new ArrayList<>();
        for (String name : names.split(",")) {
            values.add(Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        return values;
    }

    static void log(String who, String message) {
        System.out.println("[" + who + "] " + message);
    }

    /** The peak memory of the server being measured, sampled every 250 ms. */
    private static final class MemorySampler implements AutoCloseable {
        private final Map<String, Memory> memory;
        private final Thread thread;
        private volatile Unit watched;

        MemorySampler(Map<String, Memory> memory) {
            this.memory = memory;
            this.thread = new Thread(this::sample, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void watch(Unit unit) {
            watched = unit;
        }

        private void sample() {
            while (!Thread.currentThread().isInterrupted()) {
                Unit unit = watched;
                try {
                    if (unit != null) {
                        long now = unit.server().memoryMegabytes();
                        memory.computeIfPresent(unit.name(), (name, seen) -> new Memory(seen.idleMegabytes(), Math.max(seen.peakMegabytes(), now)));
                    }
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException gone) {
                    // the process tree changed under the reading; the next sample will do
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }
}
