package org.postwarden.bench.smtp;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Durability under load: an inbound load to the local accounts, the server killed with SIGKILL in the middle of it,
 * started again on the same data, and the mailboxes counted over IMAP until every message that got a 250 is there
 * (or the wait runs out). A 250 after DATA promises the message is on disk: {@code lost} must be 0.
 */
final class CrashCheck {
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    /** Enough messages per connection that the load is still going when the kill comes. */
    private static final int MESSAGES_PER_CONNECTION = 100_000;

    record Outcome(String server, int accepted, int refusedOrBroken, int found, Duration untilFound) {
        int lost() {
            return Math.max(0, accepted - found);
        }

        /** Messages in the mailboxes whose 250 the client never read (the kill came between the disk and the reply). */
        int extra() {
            return Math.max(0, found - accepted);
        }

        String line() {
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.1f |",
                server, accepted, refusedOrBroken, found, lost(), extra(), untilFound.toMillis() / 1000.0);
        }
    }

    private CrashCheck() {
    }

    static Outcome run(Distribution server, Profile profile, LoadMail mail, String javaOptions, int connections,
                       Duration killAfter) throws Exception {
        int before = server.inboxCount();
        ExecutorService generator = Executors.newSingleThreadExecutor();
        AtomicBoolean killed = new AtomicBoolean();
        LoadResult load;
        try {
            Future<LoadResult> running = generator.submit(() -> SmtpLoad.run(Scenario.INBOUND.spec(
                server.entry(profile, Scenario.INBOUND), mail, connections, MESSAGES_PER_CONNECTION, "crash." + profile.label()), killed::get));
            Thread.sleep(killAfter.toMillis());
            server.kill();
            killed.set(true);
            load = running.get();
        } finally {
            generator.shutdownNow();
        }
        LoadRun.log(profile.label(), "killed after " + killAfter.toSeconds() + " s of inbound load: " + load.accepted()
            + " messages had a 250; restarting");
        long restart = System.nanoTime();
        server.start(javaOptions);
        long deadline = restart + RECOVERY_TIMEOUT.toNanos();
        int found = server.inboxCount() - before;
        while (found < load.accepted() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            found = server.inboxCount() - before;
        }
        Duration untilFound = Duration.ofNanos(System.nanoTime() - restart);
        // Those delivered after the last 250 counted are in the spool too: give them a moment to show.
        Thread.sleep(3_000);
        found = server.inboxCount() - before;
        return new Outcome(profile.label(), load.accepted(), load.errorCount(), found, untilFound);
    }

    static String header() {
        return "| server | 250 after DATA | refused or broken | in the mailboxes after restart | lost | extra | s from restart until all found |\n"
            + "| --- | --- | --- | --- | --- | --- | --- |";
    }
}
