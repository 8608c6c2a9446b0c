package org.postwarden.mailets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;

/**
 * A mail's message as the raw bytes Postwarden's core reads and writes: javax.mail would re-fold and re-encode
 * headers, which breaks signatures.
 */
public final class MessageBytes {
    private MessageBytes() {
    }

    public static byte[] read(Mail mail) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mail.getMessage().writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("cannot read the message of " + mail.getName(), e);
        }
    }

    /**
     * The message exactly as received while nothing has changed it, 8-bit header octets included:
     * {@link #read} goes through {@code MimeMessage.writeTo}, which re-encodes each header as ASCII and turns those
     * octets into '?'.
     */
    public static byte[] readAsReceived(Mail mail) throws MessagingException {
        if (!(mail.getMessage() instanceof MimeMessageWrapper wrapper)) {
            return read(mail);
        }
        try (InputStream in = wrapper.getMessageInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MessagingException("cannot read the message of " + mail.getName(), e);
        }
    }

    /** Makes {@code bytes} the mail's message, releasing the previous one. */
    public static void replace(Mail mail, byte[] bytes) throws MessagingException {
        MimeMessage previous = mail.getMessage();
        mail.setMessage(new MimeMessageWrapper(MimeMessageInputStreamSource.create(mail.getName(), new ByteArrayInputStream(bytes))));
        LifecycleUtil.dispose(previous);
    }
}
