package org.postwarden.bench.smtp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Drives {@code connections} concurrent SMTP connections, each sending {@code messagesPerConnection} messages one
 * transaction after the other. A refused transaction is counted by its reply and the connection goes on (RSET); a
 * broken connection is counted and reopened.
 */
final class SmtpLoad {

    /** One transaction's envelope and message; {@code message} is dot-stuffed with CRLF line ends. */
    record Transaction(String mailFrom, List<String> recipients, byte[] message) {
    }

    interface Transactions {
        Transaction next(int connection, int index);
    }

    /**
     * {@code user} names the account connection n authenticates as (after STARTTLS), or is null for no AUTH;
     * {@code startTls} says STARTTLS without AUTH.
     */
    record Spec(int port, boolean startTls, int connections, int messagesPerConnection, IntFunction<String> user, String password,
                Transactions transactions) {
    }

    private SmtpLoad() {
    }

    static LoadResult run(Spec spec) throws Exception {
        return run(spec, () -> false);
    }

    /** As {@link #run(Spec)}, each connection ending early once {@code stop} says so (checked before each transaction). */
    static LoadResult run(Spec spec, BooleanSupplier stop) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(spec.connections());
        try {
            long start = System.nanoTime();
            List<Future<Connection>> runs = new ArrayList<>();
            for (int connection = 0; connection < spec.connections(); connection++) {
                int number = connection;
                runs.add(pool.submit(() -> new Connection(spec, number, stop).run()));
            }
            int accepted = 0;
            Map<String, Integer> errors = new HashMap<>();
            List<long[]> latencies = new ArrayList<>();
            for (Future<Connection> run : runs) {
                Connection done = run.get();
                accepted += done.accepted;
                done.errors.forEach((reply, count) -> errors.merge(reply, count, Integer::sum));
                latencies.add(Arrays.copyOf(done.latencies, done.latencyCount));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new LoadResult(accepted, errors, latencies.stream().flatMapToLong(Arrays::stream).toArray(), elapsed);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class Connection {
        private final Spec spec;
        private final int number;
        private final BooleanSupplier stop;
        private final long[] latencies;
        private final Map<String, Integer> errors = new HashMap<>();
        private int latencyCount;
        private int accepted;

        Connection(Spec spec, int number, BooleanSupplier stop) {
            this.spec = spec;
            this.number = number;
            this.stop = stop;
            this.latencies = new long[spec.messagesPerConnection()];
        }

        Connection run() {
            SmtpClient client = null;
            for (int index = 0; index < spec.messagesPerConnection() && !stop.getAsBoolean(); index++) {
                try {
                    if (client == null) {
                        client = open();
                    }
                    send(client, spec.transactions().next(number, index));
                } catch (IOException e) {
                    errors.merge("connection: " + e.getMessage(), 1, Integer::sum);
                    if (client != null) {
                        client.close();
                    }
                    client = null;
                }
            }
            if (client != null) {
                client.close();
            }
            return this;
        }

        private SmtpClient open() throws IOException {
            SmtpClient client = SmtpClient.open(spec.port(), "load" + number + ".client.test");
            if (spec.user() != null) {
                client.authenticate(spec.user().apply(number), spec.password());
            } else if (spec.startTls()) {
                client.startTls();
            }
            return client;
        }

        private void send(SmtpClient client, Transaction transaction) throws IOException {
            long start = System.nanoTime();
            String reply = client.command("MAIL FROM:<" + transaction.mailFrom() + ">");
            if (reply.startsWith("250")) {
                for (String recipient : transaction.recipients()) {
                    String rcpt = client.command("RCPT TO:<" + recipient + ">");
                    if (!rcpt.startsWith("250")) {
                        reply = rcpt;
                    }
                }
            }
            if (reply.startsWith("250")) {
                reply = client.data(transaction.message());
            }
            if (reply.startsWith("250")) {
                latencies[latencyCount++] = System.nanoTime() - start;
                accepted++;
            } else {
                errors.merge(reply.length() > 60 ? reply.substring(0, 60) : reply, 1, Integer::sum);
                client.command("RSET");
            }
        }
    }
}
