package org.postwarden.e2e.hardening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;

/**
 * With {@code reverse.accept=bounces,auto-replies} (and Mail::SRS hashes, {@code hash.compat=mailsrs}), mail with a
 * sender passes RCPT to an SRS address but is returned only when its Auto-Submitted header (RFC 3834) marks it
 * automatic; anything else is refused at the end of DATA and never relayed.
 */
class ReverseSrsAutoReplyTest {
    private static final String FORWARDER = "autoreply.test";
    private static final String LIST = "list@" + FORWARDER;
    private static final String TARGET = "friend@remote.example";
    private static final String SENDER = "news@origin.example";
    private static final String RESPONDER = "friend@remote.example";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension(
        "{\"origin.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}]}", new ConfEdits()
        .replace("srs.properties", "domain=\n", "domain=" + FORWARDER + "\n")
        .replace("srs.properties", "hash.compat=none\n", "hash.compat=mailsrs\n")
        .replace("srs.properties", "reverse.accept=bounces\n", "reverse.accept=bounces,auto-replies\n"));

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
        assertThat(srsAddress).matches("SRS0=[^=]{4}=[^=]{2}=origin\\.example=news@autoreply\\.test");
    }

    private static SmtpSink.ReceivedMail awaitAtSink(String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !atSink(text).isEmpty());
        return atSink(text).get(0);
    }

    private static List<SmtpSink.ReceivedMail> atSink(String text) {
        return server.sink().received().stream().filter(mail -> mail.data().contains(text)).toList();
    }

    /** The replies to RCPT and to the end of DATA. */
    private static List<String> send(String rcptTo, String message) {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom(RESPONDER)).startsWith("250");
            String rcpt = mx.rcptTo(rcptTo);
            return List.of(rcpt, rcpt.startsWith("250") ? mx.data(message) : "");
        }
    }

    @Test
    void anAutoReplyShouldBeReturnedAndAnythingElseRefusedAtTheEndOfData() {
        List<String> plain = send(srsAddress, Messages.simple(RESPONDER, srsAddress, "buy now"));
        List<String> saysNo = send(srsAddress, "Auto-Submitted: no\r\n"
            + Messages.simple(RESPONDER, srsAddress, "written by hand"));
        List<String> vacation = send(srsAddress, "Auto-Submitted: auto-replied\r\n"
            + Messages.simple(RESPONDER, srsAddress, "out of office"));

        assertThat(plain.get(0)).startsWith("250");
        assertThat(plain.get(1)).startsWith("550 5.7.1").contains("automatic replies");
        assertThat(saysNo.get(1)).startsWith("550 5.7.1");
        assertThat(vacation.get(1)).startsWith("250");
        assertThat(awaitAtSink("out of office").rcptTo()).containsExactly(SENDER);
        assertThat(atSink("buy now")).isEmpty();
        assertThat(atSink("written by hand")).isEmpty();
    }

    @Test
    void mailsrsHashesShouldStillReverseInAnotherCase() {
        List<String> replies = send(srsAddress.toLowerCase(java.util.Locale.ROOT), "Auto-Submitted: auto-generated\r\n"
            + Messages.simple(RESPONDER, srsAddress, "lower-cased by a relay"));

        assertThat(replies.get(0)).startsWith("250");
        assertThat(replies.get(1)).startsWith("250");
        assertThat(awaitAtSink("lower-cased by a relay").rcptTo()).containsExactlyInAnyOrder(SENDER);
    }
}
