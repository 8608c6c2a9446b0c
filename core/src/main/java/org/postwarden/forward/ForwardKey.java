package org.postwarden.forward;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The key of a forwarded pair: the Message-ID without surrounding blanks, and the target in lower case (mailboxes
 * differing by case only are one in practice). A Message-ID longer than {@link #MAX_MESSAGE_ID} characters is
 * replaced by its SHA-256, so that the key fits a database index.
 */
public record ForwardKey(String messageId, String target) {
    public static final int MAX_MESSAGE_ID = 250;
    public static final int MAX_TARGET = 320;

    public static ForwardKey of(String messageId, String target) {
        String id = messageId.trim();
        if (id.length() > MAX_MESSAGE_ID) {
            id = "sha256:" + Hashing.sha256().hashString(id, StandardCharsets.UTF_8);
        }
        String address = target.trim().toLowerCase(Locale.ROOT);
        if (id.isEmpty() || address.isEmpty() || address.length() > MAX_TARGET) {
            throw new IllegalArgumentException("not a forward: <" + messageId + "> to <" + target + ">");
        }
        return new ForwardKey(id, address);
    }
}
