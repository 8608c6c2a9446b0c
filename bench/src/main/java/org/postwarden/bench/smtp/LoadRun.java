package org.postwarden.bench.smtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SMTP load run (bench/smtp-load.sh): starts the distribution once per {@link Profile}, provisions it over
 * webadmin, warms it up, drives each {@link Scenario} with concurrent connections, waits until every accepted message
 * has arrived, and prints messages/s, latency, errors and memory, full against plain.
 *
 * <p>Arguments: the distribution archive and a work directory. Settings (system properties): connections (50),
 * messages (per connection, 40), size (4096 bytes), profiles (plain,full), scenarios (inbound,relay,forward),
 * javaOpts (the distribution's default heap), spamdPort (0: a stand-in that finds nothing spam).
 */
public final class LoadRun {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);

    record Measurement(Scenario scenario, Profile profile, LoadResult load, Duration untilDelivered, int delivered) {
        double deliveredPerSecond() {
            return delivered / (untilDelivered.toNanos() / 1e9);
        }
    }

    record Memory(long idleMegabytes, long peakMegabytes) {
    }

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int connections = Integer.getInteger("connections", 50);
        int messages = Integer.getInteger("messages", 40);
        int size = Integer.getInteger("size", 4096);
        List<Profile> profiles = parse(System.getProperty("profiles", "plain,full"), Profile.class);
        List<Scenario> scenarios = parse(System.getProperty("scenarios", "inbound,relay,forward"), Scenario.class);
        String javaOptions = System.getProperty("javaOpts", "-Xms256m -Xmx1g");
        int realSpamd = Integer.getInteger("spamdPort", 0);

        LoadMail mail = new LoadMail(size);
        List<Measurement> measurements = new ArrayList<>();
        Map<Profile, Memory> memory = new EnumMap<>(Profile.class);
        for (Profile profile : profiles) {
            try (CountingSink sink = new CountingSink(); HamSpamd hamSpamd = new HamSpamd();
                 Distribution server = Distribution.unpack(archive, work, profile.label(), sink.port())) {
                profile.configure(server, realSpamd == 0 ? hamSpamd.port() : realSpamd);
                server.publishZone(mail.zoneJson());
                server.start(javaOptions);
                Provisioning.provision(server, profile, mail);
                log(profile, "warming up");
                for (Scenario scenario : scenarios) {
                    measure(server, sink, mail, scenario, profile, 10, 10, "warmup");
                }
                Thread.sleep(3_000);
                long idle = server.rssMegabytes();
                AtomicLong peak = new AtomicLong(idle);
                Thread sampler = rssSampler(server, peak);
                for (Scenario scenario : scenarios) {
                    log(profile, scenario.title + ": " + connections + " connections x " + messages + " messages of " + size + " bytes");
                    Measurement measurement = measure(server, sink, mail, scenario, profile, connections, messages, "run");
                    measurements.add(measurement);
                    log(profile, String.format(Locale.ROOT, "%s: %,.1f accepted/s, %,.1f delivered/s, %d errors %s",
                        scenario.title, measurement.load().acceptedPerSecond(), measurement.deliveredPerSecond(),
                        measurement.load().errorCount(), measurement.load().errors()));
                }
                sampler.interrupt();
                memory.put(profile, new Memory(idle, peak.get()));
            }
        }
        System.out.println();
        System.out.print(LoadTable.render(measurements, memory, connections, messages, size));
    }

    private static Measurement measure(Distribution server, CountingSink sink, LoadMail mail, Scenario scenario, Profile profile,
                                       int connections, int messages, String run) throws Exception {
        int before = scenario.delivered(server, sink);
        long cpuBefore = server.cpuNanos();
        long start = System.nanoTime();
        LoadResult load = SmtpLoad.run(scenario.spec(server, mail, connections, messages, run + "." + scenario.name().toLowerCase() + "." + profile.label()));
        int expected = before + load.accepted();
        long deadline = start + DELIVERY_TIMEOUT.toNanos();
        int delivered = scenario.delivered(server, sink);
        while (delivered < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            delivered = scenario.delivered(server, sink);
        }
        Duration untilDelivered = Duration.ofNanos(System.nanoTime() - start);
        long cpu = server.cpuNanos() - cpuBefore;
        log(profile, String.format(Locale.ROOT, "%s %s: server CPU %.1f s, %.2f ms/msg over %d messages in %.1f s",
            run, scenario.title, cpu / 1e9, cpu / 1e6 / Math.max(1, delivered - before), delivered - before,
            untilDelivered.toNanos() / 1e9));
        if (delivered < expected) {
            log(profile, scenario.title + ": only " + (delivered - before) + " of " + load.accepted() + " accepted messages arrived within " + DELIVERY_TIMEOUT);
        }
        return new Measurement(scenario, profile, load, untilDelivered, delivered - before);
    }

    private static Thread rssSampler(Distribution server, AtomicLong peak) {
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet(server.rssMegabytes(), Math::max);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException gone) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }

    private static <E extends Enum<E>> List<E> parse(String names, Class<E> type) {
        List<E> values = new ArrayList<>();
        for (String name : names.split(",")) {
            values.add(Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT)));
        }
        return values;
    }

    static void log(Profile profile, String message) {
        System.out.println("[" + profile.label() + "] " + message);
    }
}
