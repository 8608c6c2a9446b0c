package org.postwarden.e2e.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.DkimSigner;
import org.postwarden.dkim.SignedHeaders;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;

/** SPF, DKIM, ARC and DMARC on the MX, from SMTP to IMAP. Every client is 127.0.0.1. */
class InboundAuthenticationTest {
    private static final String DOMAIN = "inbound.test";
    private static final String PASSWORD = "secret";
    private static final String AUTHSERV_ID = "mx.inbound.test";
    private static final DkimPrivateKey KEY = DkimKeys.generateEd25519();

    private static final String ZONE = "{"
        + "\"good.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}],"
        + "\"_dmarc.good.example\": [{\"TXT\": \"v=DMARC1; p=reject\"}],"
        + "\"bank.example\": [{\"TXT\": \"v=spf1 ip4:192.0.2.10 -all\"}],"
        + "\"_dmarc.bank.example\": [{\"TXT\": \"v=DMARC1; p=reject\"}],"
        + "\"shop.example\": [{\"TXT\": \"v=spf1 ip4:192.0.2.20 -all\"}],"
        + "\"_dmarc.shop.example\": [{\"TXT\": \"v=DMARC1; p=quarantine\"}],"
        + "\"signed.example\": [{\"TXT\": \"v=spf1 ip4:192.0.2.30 -all\"}],"
        + "\"_dmarc.signed.example\": [{\"TXT\": \"v=DMARC1; p=reject\"}],"
        + "\"sel._domainkey.signed.example\": [{\"TXT\": \"" + KEY.publicKey().dnsRecord() + "\"}],"
        + "\"_dmarc.slow.example\": [\"TIMEOUT\"]"
        + "}";

    // Mail from 127.0.0.1 is not greylisted by default, so this test sees authentication alone.
    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension(ZONE,
        new ConfEdits().replace("authentication.properties", "authservId=\n", "authservId=" + AUTHSERV_ID + "\n"));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        for (String user : new String[] {"spoofed", "passed", "forged", "slow", "quarantined", "signed"}) {
            server.webAdmin().createUser(user + "@" + DOMAIN, PASSWORD);
        }
    }

    private static String send(String mailFrom, String to, String message) {
        try (SmtpSession smtp = SmtpSession.connect(server.ports().smtp())) {
            assertThat(smtp.mailFrom(mailFrom)).startsWith("250");
            assertThat(smtp.rcptTo(to)).startsWith("250");
            return smtp.data(message);
        }
    }

    private static String readFirst(String user, String mailbox) throws Exception {
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(user + "@" + DOMAIN, PASSWORD).select(mailbox)
                .awaitMessage(await().atMost(Duration.ofSeconds(30)));
            return imap.readFirstMessage();
        }
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    @Test
    void aSpoofOfAPrejectDomainShouldBeRefusedAtDataAndNotStored() throws Exception {
        String to = "spoofed@" + DOMAIN;

        String reply = send("ceo@bank.example", to, Messages.simple("ceo@bank.example", to, "wire the money"));

        assertThat(reply).startsWith("550 5.7.1 DMARC policy of bank.example is reject");
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(to, PASSWORD).select(TestIMAPClient.INBOX);
            Thread.sleep(1_000);
            assertThat(imap.hasAMessage()).isFalse();
        }
    }

    @Test
    void anAuthenticatedMailShouldArriveWithItsAuthenticationResults() throws Exception {
        String to = "passed@" + DOMAIN;

        assertThat(send("news@good.example", to, Messages.simple("news@good.example", to, "newsletter"))).startsWith("250");

        String delivered = readFirst("passed", TestIMAPClient.INBOX).replace("\r\n\t", " ");
        assertThat(delivered)
            .contains("Authentication-Results: " + AUTHSERV_ID + "; spf=pass smtp.mailfrom=good.example;")
            .contains("dmarc=pass (p=reject dis=none) header.from=good.example")
            .contains("Received-SPF: pass");
    }

    @Test
    void aForgedAuthenticationResultsWithOurAuthservIdShouldBeRemoved() throws Exception {
        String to = "forged@" + DOMAIN;
        String message = "Authentication-Results: " + AUTHSERV_ID + "; dmarc=pass header.from=bank.example\r\n"
            + "Authentication-Results: relay.other.example; spf=pass smtp.mailfrom=good.example\r\n"
            + Messages.simple("news@good.example", to, "forged header");

        assertThat(send("news@good.example", to, message)).startsWith("250");

        String delivered = readFirst("forged", TestIMAPClient.INBOX);
        assertThat(count(delivered, "Authentication-Results: " + Pattern.quote(AUTHSERV_ID))).isEqualTo(1);
        assertThat(delivered).doesNotContain("header.from=bank.example").contains("Authentication-Results: relay.other.example");
    }

    @Test
    void aDnsTimeoutShouldBeTaggedAndTheMailDelivered() throws Exception {
        String to = "slow@" + DOMAIN;

        assertThat(send("someone@slow.example", to, Messages.simple("someone@slow.example", to, "slow dns"))).startsWith("250");

        assertThat(readFirst("slow", TestIMAPClient.INBOX).replace("\r\n\t", " ")).contains("dmarc=temperror");
    }

    @Test
    void aQuarantinePolicyFailureShouldLandInTheSpamFolder() throws Exception {
        String to = "quarantined@" + DOMAIN;

        assertThat(send("offers@shop.example", to, Messages.simple("offers@shop.example", to, "cheap offer"))).startsWith("250");

        assertThat(readFirst("quarantined", "Spam").replace("\r\n\t", " ")).contains("dmarc=fail (p=quarantine dis=quarantine)");
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(to, PASSWORD).select(TestIMAPClient.INBOX);
            assertThat(imap.hasAMessage()).isFalse();
        }
    }

    @Test
    void anAlignedDkimSignatureShouldPassDmarcWhenSpfFails() throws Exception {
        String to = "signed@" + DOMAIN;
        byte[] unsigned = Messages.simple("billing@signed.example", to, "your invoice").getBytes(StandardCharsets.US_ASCII);
        String signature = DkimSigner.withKey(KEY).domain("signed.example").selector("sel")
            .headers(SignedHeaders.recommended()).build().sign(unsigned);

        assertThat(send("billing@signed.example", to, signature + "\r\n" + new String(unsigned, StandardCharsets.US_ASCII))).startsWith("250");

        assertThat(readFirst("signed", TestIMAPClient.INBOX).replace("\r\n\t", " "))
            .contains("spf=fail smtp.mailfrom=signed.example")
            .contains("dkim=pass header.d=signed.example")
            .contains("dmarc=pass");
    }
}
