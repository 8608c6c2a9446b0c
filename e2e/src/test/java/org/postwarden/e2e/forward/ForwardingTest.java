package org.postwarden.e2e.forward;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.Oracles;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;

import io.restassured.path.json.JsonPath;

/** A forward keeps its authentication (SRS envelope, ARC set) and its bounces reach the original sender. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForwardingTest {
    private static final String FORWARDER = "fwd.test";
    private static final String LIST = "list@" + FORWARDER;
    private static final String TARGET = "friend@remote.example";
    private static final String SENDER = "news@origin.example";
    private static final String ORIGIN_ZONE = "\"origin.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}]";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{" + ORIGIN_ZONE + "}", new ConfEdits()
        .replace("srs.properties", "domain=\n", "domain=" + FORWARDER + "\n")
        .replace("srs.properties", "secrets=\n", "secrets=forwarding-test-secret\n"));

    @TempDir
    static Path work;
    static String sealKeyName;
    static String sealKeyRecord;
    static String srsSender;

    @BeforeAll
    static void provision() throws Exception {
        server.webAdmin().createDomain(FORWARDER);
        server.webAdmin().createUser(LIST, "secret");
        given(server.webAdmin().spec()).put("/address/forwards/" + LIST + "/targets/" + TARGET).then().statusCode(204);
        JsonPath key = given(server.webAdmin().spec()).body("{\"algorithm\": \"rsa\", \"selector\": \"arc\"}")
            .post("/postwarden/dkim/domains/" + FORWARDER + "/keys").then().statusCode(201).extract().jsonPath();
        sealKeyName = key.getString("dnsName");
        sealKeyRecord = key.getString("dnsRecord");
        server.publishZone("{" + ORIGIN_ZONE + ", \"" + sealKeyName + "\": [{\"TXT\": \"" + sealKeyRecord + "\"}]}");
        given(server.webAdmin().spec()).post("/postwarden/dkim/domains/" + FORWARDER + "/keys/arc?action=activate").then().statusCode(200);
    }

    private static SmtpSink.ReceivedMail awaitAtSink(String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sink().received().stream().anyMatch(mail -> mail.data().contains(text)));
        return server.sink().received().stream().filter(mail -> mail.data().contains(text)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void aForwardShouldLeaveWithAnSrsSenderAndAValidArcSet() throws Exception {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.send(SENDER, LIST, Messages.simple(SENDER, LIST, "weekly news"));
        }

        SmtpSink.ReceivedMail forwarded = awaitAtSink("weekly news");
        srsSender = forwarded.mailFrom();
        assertThat(forwarded.rcptTo()).containsExactly(TARGET);
        assertThat(srsSender).matches("(?i)SRS0=[^=]{8}=[^=]{2}=origin\\.example=news@fwd\\.test");
        assertThat(forwarded.data()).contains("ARC-Seal: i=1;").contains("cv=none").contains("ARC-Authentication-Results: i=1;");

        Oracles oracles = Oracles.find().orElse(null);
        Assumptions.assumeTrue(oracles != null, "the oracles of ../shared are not installed");
        Path file = work.resolve("forwarded.eml");
        Files.write(file, forwarded.data().getBytes(StandardCharsets.ISO_8859_1));
        Path dns = Oracles.dnsFile(work, Map.of(sealKeyName, sealKeyRecord));
        Oracles.Run dkimpy = oracles.run("dkimpy_oracle.py", "arc-verify", "--dns", dns.toString(), file.toString());
        assertThat(dkimpy.output()).contains("cv=pass");
        Oracles.Run mailauth = oracles.run("mailauth_oracle.py", "--dns", dns.toString(), file.toString());
        assertThat(mailauth.output()).contains("cv=pass");
    }

    @Test
    @Order(2)
    void aBounceToTheSrsAddressShouldReachTheOriginalSender() {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom("")).startsWith("250");
            assertThat(mx.rcptTo(srsSender)).startsWith("250");
            assertThat(mx.data(Messages.simple("mailer-daemon@remote.example", srsSender, "delivery failure"))).startsWith("250");
        }

        assertThat(awaitAtSink("delivery failure").rcptTo()).containsExactly(SENDER);
    }

    @Test
    @Order(3)
    void aForgedSrsAddressShouldBeRefusedAtRcpt() {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom("")).startsWith("250");
            assertThat(mx.rcptTo("SRS0=AAAA=2W=origin.example=news@" + FORWARDER)).startsWith("550 5.1.1").contains("invalid SRS address");
        }
    }
}
