package org.postwarden.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.RawSmtp;

/**
 * RFC 5321 §4.1.2: a quoted-string local part whose content is a valid dot-atom is the same mailbox as the dot-atom
 * ("alice"@ is alice@); one that cannot be a user of ours ("x@evil"@) is an unknown user (550 5.1.1), never a
 * temporary failure that senders retry for days.
 */
class QuotedLocalPartTest {
    private static final String DOMAIN = "quoted.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String OUTSIDER = "sender@remote.example";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
    }

    @Test
    void aQuotedLocalPartWithAnAtSignShouldBeAnUnknownUserAndTheSessionGoOn() {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<\"x@evil\"@" + DOMAIN + ">")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<\"a b\"@" + DOMAIN + ">")).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<" + ALICE + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.data(Messages.simple(OUTSIDER, ALICE, "after-quoted-at").getBytes(StandardCharsets.US_ASCII)))
                .startsWith("250");
        }
        assertThat(awaitInbox("after-quoted-at")).contains("Subject: after-quoted-at");
    }

    @Test
    void aQuotedDotAtomShouldBeDeliveredToTheUser() {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<\"alice\"@" + DOMAIN + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.data(Messages.simple(OUTSIDER, ALICE, "to-quoted-alice").getBytes(StandardCharsets.US_ASCII)))
                .startsWith("250");
        }
        assertThat(awaitInbox("to-quoted-alice")).contains("Subject: to-quoted-alice");
    }

    private static String awaitInbox(String subject) {
        return Imaps.awaitInbox(server.ports().imaps(), ALICE, PASSWORD, subject);
    }
}
