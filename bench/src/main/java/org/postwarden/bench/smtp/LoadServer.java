package org.postwarden.bench.smtp;

import java.io.IOException;
import java.util.Map;

/**
 * A mail server the load run drives: Postwarden's distribution or Postfix. One server may stand for several
 * {@link Profile}s (Postfix relays plain on one port and through OpenDKIM on another).
 */
interface LoadServer extends AutoCloseable {

    /** Where a flow's load goes: the port, and whether the client authenticates (AUTH PLAIN after STARTTLS) or only says STARTTLS. */
    record Entry(int port, boolean authenticate, boolean startTls) {
    }

    Entry entry(Profile profile, Scenario scenario);

    /** Messages delivered to the local accounts so far, all accounts together. */
    int inboxCount() throws IOException;

    /** Cumulative CPU ms of each process group of the server, by name, in a stable order. */
    Map<String, Long> cpuMillis() throws IOException;

    /** Memory of the server now, in MB (the JVM's resident set; for Postfix, the proportional set of its processes). */
    long memoryMegabytes() throws IOException;
}
