package org.postwarden.glue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;

/**
 * A mail's message as the raw bytes Postwarden's core reads and writes: javax.mail would re-fold and re-encode
 * headers, which breaks signatures.
 */
public final class MessageBytes {
    private static final byte[] CRLF = {'\r', '\n'};
    private MessageBytes() {
    }

    /**
     * The header fields as they stand (with the changes of earlier mailets) and the body as it is. Not
     * {@code MimeMessage.writeTo}: once a header changed (RemoveMimeHeader bcc does), writeTo first runs
     * {@code saveChanges}, which adds MIME-Version, Date and Message-ID to mail that had none. 8-bit header octets
     * read as '?', as James parsed them ({@link #readAsReceived} has them).
     */
    public static byte[] read(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Enumeration<String> fields = message.getAllHeaderLines();
            while (fields.hasMoreElements()) {
                out.write((fields.nextElement() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write(CRLF);
            try (InputStream body = message.getRawInputStream()) {
                body.transferTo(out);
            } catch (MessagingException contentSetByCode) {
                // A body built through the javax.mail API has no raw form: only writeTo can serialise it.
                out.reset();
                message.writeTo(out);
            }
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
        MimeMessageInputStreamSource source = MimeMessageInputStreamSource.create(mail.getName(), new ByteArrayInputStream(bytes));
        if (mail instanceof MailImpl james) {
            // MailImpl.setMessage copies the message it is given into a source of its own, so a wrapper handed to it
            // would never be disposed (James' leak detector reported one per mail). This hands over the source itself
            // and disposes the previous message.
            james.setMessageContent(source);
            return;
        }
        MimeMessage previous = mail.getMessage();
        mail.setMessage(new MimeMessageWrapper(source));
        LifecycleUtil.dispose(previous);
    }
}
