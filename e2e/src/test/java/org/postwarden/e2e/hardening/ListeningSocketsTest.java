package org.postwarden.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.ListeningSockets;
import org.postwarden.e2e.harness.ListeningSockets.Listener;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.ServerDirectory;
import org.postwarden.e2e.harness.ServerProcess;
import org.postwarden.e2e.harness.SmtpSession;

/**
 * The server listens on the sockets its configuration names and on nothing else: no broker port (ActiveMQ's
 * OpenWire, CVE-2023-46604), no JMX or RMI registry, no Derby network server. The server runs in a JVM of its own so
 * that every socket of that process is the server's.
 */
class ListeningSocketsTest {
    private static final String DOMAIN = "sockets.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String SENDER = "news@origin.example";
    private static final String ZONE = "{\"origin.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}]}";

    private static ServerProcess server;

    @BeforeAll
    static void startAndDeliverOneMail() throws Exception {
        server = ServerProcess.start(ZONE, new ConfEdits());
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
        // Mail through the queue first, so that a listener opened on first use would be there too.
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.ehlo();
            mx.send(SENDER, ALICE, Messages.simple(SENDER, ALICE, "through-the-queue"));
        }
        await().atMost(Duration.ofSeconds(30)).until(ListeningSocketsTest::aliceHasMail);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void serverShouldListenOnlyOnTheConfiguredSockets() throws Exception {
        ServerDirectory.Ports ports = server.ports();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Set<Listener> configured = Stream.of(ports.smtp(), ports.submission(), ports.submissions(),
                ports.imap(), ports.imaps(), ports.webAdmin())
            .map(port -> new Listener("tcp", loopback, port))
            .collect(Collectors.toSet());

        assertThat(ListeningSockets.of(server.pid())).containsExactlyInAnyOrderElementsOf(configured);
    }

    private static boolean aliceHasMail() throws Exception {
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(ALICE, PASSWORD).select(TestIMAPClient.INBOX);
            return imap.getMessageCount(TestIMAPClient.INBOX) > 0;
        }
    }
}
