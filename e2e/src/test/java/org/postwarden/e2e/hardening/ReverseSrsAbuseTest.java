package org.postwarden.e2e.hardening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
 * One of our SRS addresses is not an open relay to the address it encodes: it takes only bounces (null reverse-path,
 * the shipped {@code reverse.accept=bounces}), a limited number of them per address ({@code reverse.perAddress},
 * shipped 5/1d), and a guessed hash, wrong case included, is an unknown recipient for the harvesting defence.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReverseSrsAbuseTest {
    private static final String FORWARDER = "abuse.test";
    private static final String LIST = "list@" + FORWARDER;
    private static final String TARGET = "friend@remote.example";
    private static final String SENDER = "news@origin.example";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension(
        "{\"origin.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}]}", new ConfEdits()
        .replace("srs.properties", "domain=\n", "domain=" + FORWARDER + "\n")
        .replace("throttle.properties", "harvest.recipients=20/10m", "harvest.recipients=5/10m"));

    static String srsAddress;

    @BeforeAll
    static void forwardOneMessage() {
        server.webAdmin().createDomain(FORWARDER);
        server.webAdmin().createUser(LIST, "secret");
        given(server.webAdmin().spec()).put("/address/forwards/" + LIST + "/targets/" + TARGET).then().statusCode(204);
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.send(SENDER, LIST, Messages.simple(SENDER, LIST, "the forward"));
        }
        srsAddress = awaitAtSink("the forward").mailFrom();
        assertThat(srsAddress).startsWithIgnoringCase("SRS0=").endsWith("=origin.example=news@" + FORWARDER);
    }

    private static SmtpSink.ReceivedMail awaitAtSink(String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !atSink(text).isEmpty());
        return atSink(text).get(0);
    }

    private static List<SmtpSink.ReceivedMail> atSink(String text) {
        return server.sink().received().stream().filter(mail -> mail.data().contains(text)).toList();
    }

    /** MAIL and RCPT in a new session; DATA with the message when RCPT was accepted. Returns the RCPT reply. */
    private static String send(String mailFrom, String rcptTo, String message) {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom(mailFrom)).startsWith("250");
            String reply = mx.rcptTo(rcptTo);
            if (reply.startsWith("250")) {
                mx.data(message);
            }
            return reply;
        }
    }

    private static String hash(String address) {
        return address.split("=")[1];
    }

    private static String withHash(String address, String hash) {
        return address.replaceFirst("=" + Pattern.quote(hash(address)) + "=", "=" + hash + "=");
    }

    @Test
    @Order(1)
    void mailFromAnyoneButABounceShouldBeRefusedAtRcptAndNeverRelayed() {
        String spam = "Auto-Submitted: auto-replied\r\n"
            + Messages.simple("spammer@evil.example", srsAddress, "cheap pills through an SRS address");

        String reply = send("spammer@evil.example", srsAddress, spam);
        String plain = send("someone@remote.example", srsAddress,
            Messages.simple("someone@remote.example", srsAddress, "an ordinary mail"));

        assertThat(reply).startsWith("550 5.7.1").contains("accepts only bounces");
        assertThat(plain).startsWith("550 5.7.1");
        send("", srsAddress, Messages.simple("mailer-daemon@remote.example", srsAddress, "a later bounce"));
        awaitAtSink("a later bounce");
        assertThat(atSink("cheap pills")).isEmpty();
        assertThat(atSink("an ordinary mail")).isEmpty();
    }

    @Test
    @Order(2)
    void aBounceShouldStillReachTheOriginalSenderOnce() {
        String reply = send("", srsAddress, Messages.simple("mailer-daemon@remote.example", srsAddress, "delivery failure"));

        assertThat(reply).startsWith("250");
        assertThat(awaitAtSink("delivery failure").rcptTo()).containsExactly(SENDER);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> atSink("delivery failure").size() == 1);
    }

    @Test
    @Order(3)
    void aHashInAnotherCaseOrAnotherHashShouldBeRefused() {
        String hash = hash(srsAddress);
        StringBuilder swapped = new StringBuilder();
        hash.chars().forEach(c -> swapped.append((char) (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))));
        String otherHash = hash.charAt(0) == 'A' ? "B" + hash.substring(1) : "A" + hash.substring(1);

        assertThat(swapped.toString()).isNotEqualTo(hash);
        assertThat(send("", withHash(srsAddress, swapped.toString()), "")).startsWith("550 5.1.1").contains("bad hash");
        assertThat(send("", withHash(srsAddress, otherHash), "")).startsWith("550 5.1.1").contains("bad hash");
    }

    @Test
    @Order(4)
    void bouncesBeyondThePerAddressLimitShouldBeDeferred() {
        // Orders 1 and 2 each returned one bounce to the address: 5/1d leaves three.
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(send("", srsAddress, Messages.simple("mailer-daemon@remote.example", srsAddress, "bounce " + i)));
        }

        assertThat(replies.subList(0, 3)).allMatch(reply -> reply.startsWith("250"));
        assertThat(replies.get(3)).startsWith("450 4.7.1");
    }

    @Test
    @Order(5)
    void guessingHashesShouldGetTheClientCutOff() {
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 8 && !replies.contains("451"); i++) {
            String reply = send("", withHash(srsAddress, "Gu" + i + "ssXYZ"), "");
            replies.add(reply.substring(0, 3));
        }

        assertThat(replies).contains("451");
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom(SENDER)).startsWith("250");
            assertThat(mx.rcptTo(LIST)).startsWith("451 4.7.1");
        }
    }
}
