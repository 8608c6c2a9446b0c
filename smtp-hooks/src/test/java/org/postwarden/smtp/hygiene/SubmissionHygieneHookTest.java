package org.postwarden.smtp.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.postwarden.glue.MessageBytes;
import org.postwarden.smtp.FakeSmtpSession;

class SubmissionHygieneHookTest {
    private static final String COMPLETE = "From: <alice@postwarden.test>\r\n"
        + "To: <bob@remote.example>\r\n"
        + "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n"
        + "Message-ID: <1@postwarden.test>\r\n"
        + "Subject: hello\r\n"
        + "\r\n"
        + "Hi\r\n";

    private final SubmissionHygieneHook hook = new SubmissionHygieneHook();

    private static SMTPConfiguration helloName(String name) {
        return (SMTPConfiguration) Proxy.newProxyInstance(SMTPConfiguration.class.getClassLoader(),
            new Class<?>[] {SMTPConfiguration.class}, (proxy, method, arguments) -> {
                if (method.getName().equals("getHelloName")) {
                    return name;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static SMTPSession submission() {
        return FakeSmtpSession.from("192.0.2.7").authenticatedAs("alice@postwarden.test")
            .configuration(helloName("smtp.postwarden.test")).session();
    }

    private static Mail mail(String message) throws Exception {
        return MailImpl.builder().name("submitted")
            .mimeMessage(new MimeMessageWrapper(MimeMessageInputStreamSource.create("submitted",
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)))))
            .build();
    }

    @Test
    void aCompleteMessageShouldPassUnchanged() throws Exception {
        Mail mail = mail(COMPLETE);

        assertThat(hook.onMessage(submission(), mail)).isEqualTo(HookResult.DECLINED);
        assertThat(new String(MessageBytes.readAsReceived(mail), StandardCharsets.UTF_8)).isEqualTo(COMPLETE);
    }

    @Test
    void aMissingDateAndMessageIdShouldBeAdded() throws Exception {
        Mail mail = mail(COMPLETE.replace("Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n", "")
            .replace("Message-ID: <1@postwarden.test>\r\n", ""));

        assertThat(hook.onMessage(submission(), mail)).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getMessage().getHeader("Date")).hasSize(1);
        assertThat(mail.getMessage().getHeader("Message-ID")[0]).endsWith("@postwarden.test>");
    }

    @Test
    void aMessageWithoutFromShouldBeRefused() throws Exception {
        HookResult result = hook.onMessage(submission(), mail(COMPLETE.replace("From: <alice@postwarden.test>\r\n", "")));

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.6.0 ");
    }

    @Test
    void unauthenticatedSessionsShouldNotBeChecked() throws Exception {
        SMTPSession anonymous = FakeSmtpSession.from("192.0.2.7").session();

        assertThat(hook.onMessage(anonymous, mail(COMPLETE.replace("From: <alice@postwarden.test>\r\n", ""))))
            .isEqualTo(HookResult.DECLINED);
    }
}
