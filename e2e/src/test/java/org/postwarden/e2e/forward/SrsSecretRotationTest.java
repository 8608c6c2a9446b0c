package org.postwarden.e2e.forward;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;

/**
 * SRS secrets rotated over webadmin (srs.properties without {@code secrets=}): the new secret signs at once, a bounce
 * to an address the retired one signed still reaches the original sender until that secret is removed, and the
 * rotation survives a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SrsSecretRotationTest {
    private static final String FORWARDER = "rotate.test";
    private static final String LIST = "list@" + FORWARDER;
    private static final String TARGET = "friend@remote.example";
    private static final String SENDER = "news@origin.example";
    private static final String SECRETS = "/postwarden/srs/secrets";
    private static final String SRS0 = "(?i)SRS0=([^=]{8})=[^=]{2}=origin\\.example=news@rotate\\.test";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension(
        "{\"origin.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}]}", new ConfEdits()
        .replace("srs.properties", "domain=\n", "domain=" + FORWARDER + "\n"));

    static String firstId;
    static String rotatedId;
    static String signedBeforeRotation;
    static String signedAfterRotation;

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(FORWARDER);
        server.webAdmin().createUser(LIST, "secret");
        given(server.webAdmin().spec()).put("/address/forwards/" + LIST + "/targets/" + TARGET).then().statusCode(204);
    }

    private static String forward(String subject) {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.send(SENDER, LIST, Messages.simple(SENDER, LIST, subject));
        }
        String srsSender = awaitAtSink(subject).mailFrom();
        assertThat(srsSender).matches(SRS0);
        return srsSender;
    }

    private static SmtpSink.ReceivedMail awaitAtSink(String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sink().received().stream().anyMatch(mail -> mail.data().contains(text)));
        return server.sink().received().stream().filter(mail -> mail.data().contains(text)).findFirst().orElseThrow();
    }

    /** The RCPT reply; a bounce accepted at RCPT is sent whole. */
    private static String bounce(String srsAddress, String subject) {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom("")).startsWith("250");
            String reply = mx.rcptTo(srsAddress);
            if (reply.startsWith("250")) {
                assertThat(mx.data(Messages.simple("mailer-daemon@remote.example", srsAddress, subject))).startsWith("250");
            }
            return reply;
        }
    }

    private static String hash(String srsAddress) {
        return srsAddress.split("=")[1];
    }

    @Test
    @Order(1)
    void theFirstStartShouldGenerateOneSigningSecret() {
        List<Boolean> signing = given(server.webAdmin().spec()).get(SECRETS).then().statusCode(200).extract().jsonPath().getList("signing");
        firstId = given(server.webAdmin().spec()).get(SECRETS).then().extract().jsonPath().getString("[0].id");

        assertThat(signing).containsExactly(true);
        assertThat(firstId).matches("[0-9a-f]{8}");
        signedBeforeRotation = forward("before rotation");
    }

    @Test
    @Order(2)
    void aRotationShouldSignTheNextForwardWithTheNewSecret() {
        rotatedId = given(server.webAdmin().spec()).post(SECRETS).then().statusCode(201).extract().jsonPath().getString("id");

        signedAfterRotation = forward("after rotation");

        assertThat(rotatedId).isNotEqualTo(firstId);
        assertThat(hash(signedAfterRotation)).isNotEqualToIgnoringCase(hash(signedBeforeRotation));
        assertThat(given(server.webAdmin().spec()).get(SECRETS).then().extract().jsonPath()
            .getBoolean("find { it.id == '" + firstId + "' }.signing")).isFalse();
    }

    @Test
    @Order(3)
    void theRotationShouldSurviveARestartAndTheRetiredSecretStillReverse() throws Exception {
        server.restart();

        assertThat(forward("after restart")).isEqualTo(signedAfterRotation);
        assertThat(bounce(signedBeforeRotation, "bounce of the first forward")).startsWith("250");
        assertThat(awaitAtSink("bounce of the first forward").rcptTo()).containsExactly(SENDER);
    }

    @Test
    @Order(4)
    void removingTheRetiredSecretShouldRefuseBouncesToItsAddresses() {
        given(server.webAdmin().spec()).delete(SECRETS + "/" + rotatedId).then().statusCode(409);
        given(server.webAdmin().spec()).delete(SECRETS + "/" + firstId).then().statusCode(204);
        given(server.webAdmin().spec()).delete(SECRETS + "/" + firstId).then().statusCode(404);

        assertThat(bounce(signedBeforeRotation, "late bounce of the first forward")).startsWith("550 5.1.1").contains("bad hash");
        assertThat(bounce(signedAfterRotation, "bounce of the second forward")).startsWith("250");
        assertThat(awaitAtSink("bounce of the second forward").rcptTo()).containsExactly(SENDER);
    }
}
