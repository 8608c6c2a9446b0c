package org.postwarden.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.RawSmtp;

/**
 * AUTH before STARTTLS on submission, in the forms where the server would have to ask for the credentials: it must
 * answer RFC 4954's 538 5.7.11 at once, never a 334 prompt that invites a client to send a password in clear.
 */
class ClearTextAuthPromptTest {
    private static final String DOMAIN = "prompt.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
    }

    @Test
    void authLoginBeforeStartTlsShouldBeRefusedWithoutAPrompt() {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().submission())) {
            assertThat(smtp.command("AUTH LOGIN")).startsWith("538 5.7.11");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void authPlainWithoutInitialResponseBeforeStartTlsShouldBeRefusedWithoutAPrompt() {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().submission())) {
            assertThat(smtp.command("AUTH PLAIN")).startsWith("538 5.7.11");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void authLoginWithInitialUsernameBeforeStartTlsShouldNotAskForThePassword() {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().submission())) {
            assertThat(smtp.command("AUTH LOGIN YWxpY2VAcHJvbXB0LnRlc3Q=")).startsWith("538 5.7.11");
        }
    }

    @Test
    void authAfterStartTlsShouldStillPromptAndSucceed() {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().submission())) {
            smtp.startTls();
            assertThat(smtp.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(smtp.command(base64(ALICE))).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(smtp.command(base64(PASSWORD))).startsWith("235");
        }
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
