package org.postwarden.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.RawSmtp;
import org.postwarden.e2e.harness.ServerProcess;

/**
 * A sender domain without an SPF record is the common case on the internet: evaluating it (SPF "none") must not
 * write a stack trace to the server log, nor more than one line per mail, with the shipped logging configuration.
 * The server runs in its own JVM so that conf/logback.xml is the one that applies.
 */
class SpfLogFloodTest {
    private static final String DOMAIN = "spflog.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final int MAILS = 5;

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start("{}", new ConfEdits());
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, "secret");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void mailFromADomainWithoutSpfShouldLogNoStackTraceAndAtMostOneLineEach() throws Exception {
        int before = logLines().size();
        for (int i = 0; i < MAILS; i++) {
            String sender = "someone@nospf" + i + ".example";
            try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
                String reply = smtp.mail(sender, ALICE, Messages.simple(sender, ALICE, "no spf " + i).getBytes(StandardCharsets.US_ASCII));
                assertThat(reply).startsWith("250");
            }
            // Our own domain without an SPF record: the sender identity check evaluates SPF at MAIL FROM.
            try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
                assertThat(smtp.command("MAIL FROM:<bob@" + DOMAIN + ">")).startsWith("550");
            }
        }
        Thread.sleep(1_000);
        List<String> added = logLines().subList(before, logLines().size());

        assertThat(added).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:"));
        assertThat(added).noneMatch(line -> line.contains("jspf") && (line.contains(" WARN ") || line.contains(" ERROR ")));
        assertThat(added).filteredOn(line -> line.contains("No SPF record")).hasSizeLessThanOrEqualTo(2 * MAILS);
    }

    private static List<String> logLines() throws Exception {
        return Files.readAllLines(server.log(), StandardCharsets.UTF_8);
    }
}
