package org.postwarden.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Lower-case header field names, with one shared instance for each common name: a message's fields
 * then cost no string each, and comparing them with a signer's names (the same instances) is mostly
 * an identity check.
 */
final class FieldNames {
    private static final String[] COMMON = {"from", "to", "cc", "bcc", "subject", "date", "reply-to", "sender",
        "message-id", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
        "content-id", "content-disposition", "content-language", "received", "return-path", "user-agent",
        "x-mailer", "list-id", "list-help", "list-unsubscribe", "list-unsubscribe-post", "list-subscribe",
        "list-post", "list-owner", "list-archive", "dkim-signature", "arc-seal", "arc-message-signature",
        "arc-authentication-results", "authentication-results", "received-spf", "delivered-to", "precedence",
        "auto-submitted", "feedback-id", "thread-index", "thread-topic", "x-spam-status", "x-originating-ip"};
    private static final int MASK = 127;
    private static final String[] TABLE = table();

    private FieldNames() {
    }

    /** The name at {@code source[start..end)} in lower case, as {@code toLowerCase(Locale.ROOT)} makes it. */
    static String lowerCase(byte[] source, int start, int end) {
        int length = end - start;
        if (length > 0) {
            for (int slot = hash(source, start, end); TABLE[slot] != null; slot = (slot + 1) & MASK) {
                if (matches(TABLE[slot], source, start, length)) {
                    return TABLE[slot];
                }
            }
        }
        return new String(source, start, length, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    /** The same for a name and its lower case: the length and the first and last octets, ASCII letters lowered. */
    private static int hash(byte[] name, int start, int end) {
        return ((end - start) * 31 + (name[start] | 0x20) * 7 + (name[end - 1] | 0x20)) & MASK;
    }

    private static boolean matches(String known, byte[] source, int start, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int k = known.charAt(i);
            int c = source[start + i] & 0xFF;
            if (c != k && (k < 'a' || k > 'z' || c != k - ('a' - 'A'))) {
                return false;
            }
        }
        return true;
    }

    private static String[] table() {
        String[] table = new String[MASK + 1];
        for (String name : COMMON) {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            int slot = hash(bytes, 0, bytes.length);
            while (table[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            table[slot] = name;
        }
        return table;
    }
}
