package org.postwarden.glue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

class MessageBytesTest {
    private static final String RECEIVED = "Received: from client.test\r\n"
        + "From: <alice@example.com>\r\n"
        + "Subject: =?UTF-8?Q?caf=C3=A9?=\r\n"
        + "X-Note: gr\u00fc\u00df\r\n"
        + "Bcc: <hidden@example.com>\r\n"
        + "\r\n"
        + "Body line\r\n";

    private static Mail mailOf(String message) throws Exception {
        return MailImpl.builder().name("mail1")
            .mimeMessage(new MimeMessageWrapper(MimeMessageInputStreamSource.create("mail1",
                new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)))))
            .build();
    }

    @Test
    void anUnchangedMessageShouldReadAsReceivedBut8BitHeaderOctets() throws Exception {
        assertThat(new String(MessageBytes.read(mailOf(RECEIVED)), StandardCharsets.ISO_8859_1))
            .isEqualTo(RECEIVED.replace("gr\u00fc\u00df", "gr??"));
    }

    @Test
    void aChangedHeaderShouldNotMakeJavaMailAddFields() throws Exception {
        Mail mail = mailOf(RECEIVED);
        mail.getMessage().removeHeader("Bcc");

        String read = new String(MessageBytes.read(mail), StandardCharsets.ISO_8859_1);

        // James itself parsed the 8-bit octets of the changed header block into '?'.
        assertThat(read).isEqualTo(RECEIVED.replace("Bcc: <hidden@example.com>\r\n", "").replace("gr\u00fc\u00df", "gr??"));
        assertThat(read).doesNotContain("MIME-Version", "Message-ID", "Date:");
    }
}
